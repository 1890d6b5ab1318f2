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

/** Calls a user hook, reporting (never propagating) what it throws. */
export function callHook<A extends unknown[]>(where: string, hook: ((...args: A) => unknown) | undefined, ...args: A): void {
  if (hook === undefined) return
  try {
    hook(...args)
  } catch (error) {
    reportInternalError(where, error)
  }
}
