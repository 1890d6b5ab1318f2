type Callback = (error: unknown, value?: unknown) => void

/**
 * The promise pg and pg-pool return when no callback is given, made here instead so
 * querycost can pass its own callback: the same number of promises as without
 * querycost (a derived `.then` costs about 2 µs per call on Node 20), the same
 * `Promise` implementation (the `Promise` option), and, as pg does, the stack of a
 * rejection replaced with one that leads back to the caller.
 */
export function callbackPromise(PromiseImpl: PromiseConstructor | undefined): { callback: Callback; promise: Promise<unknown> } {
  let resolve: (value: unknown) => void = () => {}
  let reject: (error: unknown) => void = () => {}
  const promise = new (PromiseImpl ?? Promise)((res, rej) => {
    resolve = res
    reject = rej
  }).catch((error: unknown) => {
    if (error instanceof Error) Error.captureStackTrace(error)
    throw error
  })
  return { callback: (error, value) => (error ? reject(error) : resolve(value)), promise }
}
