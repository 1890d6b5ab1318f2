type Callback = (error: unknown, value?: unknown) => void

/** A module-level function the callback runs first, given `state`: no closure per call. */
export type BeforeSettle<S> = (state: S, error: unknown, value: unknown) => void

function restack(error: unknown): never {
  if (error instanceof Error) Error.captureStackTrace(error)
  throw error
}

/**
 * The promise pg and pg-pool return when no callback is given, made here instead so
 * querycost can pass its own callback: the same number of promises as without
 * querycost (a derived `.then` costs about 2 µs per call on Node 20), the same
 * `Promise` implementation (the `Promise` option), and, as pg does, the stack of a
 * rejection replaced with one that leads back to the caller. With `before`, the one
 * callback also settles the operations (`before(state, error, value)`) ahead of the
 * caller's continuation, so a query needs no second closure.
 */
export function callbackPromise<S>(
  PromiseImpl: PromiseConstructor | undefined,
  before?: BeforeSettle<S>,
  state?: S,
): { callback: Callback; promise: Promise<unknown> } {
  let resolve: (value: unknown) => void = () => {}
  let reject: (error: unknown) => void = () => {}
  const promise = new (PromiseImpl ?? Promise)((res, rej) => {
    resolve = res
    reject = rej
  }).catch(restack)
  const callback: Callback =
    before === undefined
      ? (error, value) => (error ? reject(error) : resolve(value))
      : (error, value) => {
          before(state as S, error, value)
          if (error) reject(error)
          else resolve(value)
        }
  return { callback, promise }
}
