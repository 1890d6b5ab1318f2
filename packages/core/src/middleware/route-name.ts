import { reportInternalError } from '../driver/guard.js'

/** The name every request that matched no route gets, whatever its URL. */
export const UNMATCHED = '(unmatched)'

/** `GET /users/:id`, or `GET (unmatched)` when no route pattern is known. */
export function routeName(method: string | undefined, pattern: unknown): string {
  const verb = method ?? 'GET'
  if (typeof pattern === 'string' && pattern !== '') return `${verb} ${pattern}`
  // Express accepts arrays and regular expressions as paths: their source is still a pattern.
  if (pattern instanceof RegExp || Array.isArray(pattern)) return `${verb} ${String(pattern)}`
  return `${verb} ${UNMATCHED}`
}

/**
 * Calls a user's `name` function, guarded: what it throws is reported once and the
 * request keeps `fallback`; anything but a non-empty string also means `fallback`.
 */
export function userName<Req>(name: (req: Req) => string | undefined, req: Req, fallback: string): string {
  try {
    const value = name(req)
    return typeof value === 'string' && value !== '' ? value : fallback
  } catch (error) {
    reportInternalError('middleware name()', error)
    return fallback
  }
}
