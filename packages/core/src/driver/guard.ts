import { state } from '../context/store.js'

/**
 * Reports an error raised inside querycost (or inside a user hook) once per place,
 * on stderr, and never rethrows: the host's query goes on unchanged.
 */
export function reportInternalError(where: string, error: unknown): void {
  if (state.reportedErrors.has(where)) return
  state.reportedErrors.add(where)
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error)
  try {
    process.stderr.write(`${JSON.stringify({ level: 'error', msg: 'querycost internal error (reported once)', where, error: message })}\n`)
  } catch {
    // stderr itself failed: nothing left to tell.
  }
}

/**
 * The guard of querycost's own work beside a driver call: runs `fn(a, b, c)` and gives
 * its result; should it throw, the error is reported once for `where` and `undefined`
 * comes back, so the driver's call goes on as without querycost. Pass a module-level
 * function and its arguments (no closure is made per call).
 *
 * @example
 * const ops = safely('pg query begin', beginStatements, PG, text)
 * if (ops === undefined) return original.apply(this, arguments)
 */
export function safely<R>(where: string, fn: () => R): R | undefined
export function safely<A, R>(where: string, fn: (a: A) => R, a: A): R | undefined
export function safely<A, B, R>(where: string, fn: (a: A, b: B) => R, a: A, b: B): R | undefined
export function safely<A, B, C, R>(where: string, fn: (a: A, b: B, c: C) => R, a: A, b: B, c: C): R | undefined
export function safely<A, B, C, D, R>(where: string, fn: (a: A, b: B, c: C, d: D) => R, a: A, b: B, c: C, d: D): R | undefined
export function safely<A, B, C, D, E, R>(
  where: string,
  fn: (a: A, b: B, c: C, d: D, e: E) => R,
  a: A,
  b: B,
  c: C,
  d: D,
  e: E,
): R | undefined
export function safely(
  where: string,
  fn: (...args: unknown[]) => unknown,
  a?: unknown,
  b?: unknown,
  c?: unknown,
  d?: unknown,
  e?: unknown,
): unknown {
  try {
    return fn(a, b, c, d, e)
  } catch (error) {
    reportInternalError(where, error)
    return undefined
  }
}

/** Calls a user hook, reporting (never propagating) what it throws. */
export function callHook<A extends unknown[]>(where: string, hook: ((...args: A) => unknown) | undefined, ...args: A): void {
  if (hook === undefined) return
  try {
    hook(...args)
  } catch (error) {
    reportInternalError(where, error)
  }
}
