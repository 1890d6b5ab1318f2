import type { CostContext } from './cost-context.js'
import { state } from './store.js'

const nativeThen = Promise.prototype.then

/** Whether `value` has a callable `then`: a promise or any other thenable. */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as PromiseLike<unknown>).then === 'function'
  )
}

/**
 * Follows what a context runner's callback returned, subscribing to it from inside
 * `context`. A native promise is already running and comes back as it is. Any other
 * thenable has its `then` called here, inside the context: lazy query builders (Knex,
 * Drizzle) send their statement only when `then` is called, and awaiting them after
 * the runner has left the context (as `await` or `Promise.resolve` would, a microtask
 * later) sends it with no context at all. A thenable that resolves to another one is
 * followed the same way.
 *
 * With callback rebinding switched off for a test ({@link setCallbackBinding}), it does
 * what a plain `Promise.resolve` does: the negative control of the integration suites.
 *
 * @example
 * const result = state.als.run(context, fn)
 * return isThenable(result) ? followInContext(context, result) : result
 */
export function followInContext<T>(context: CostContext, thenable: PromiseLike<T>): Promise<T> {
  if (thenable.then === nativeThen) return thenable as Promise<T>
  if (!state.bindCallbacks) return Promise.resolve(thenable)
  return new Promise<T>((resolve, reject) => {
    const onValue = (value: T): void => {
      resolve(isThenable(value) ? (followInContext(context, value) as Promise<T>) : value)
    }
    state.als.run(context, () => {
      try {
        thenable.then(onValue, reject)
      } catch (error) {
        reject(error)
      }
    })
  })
}
