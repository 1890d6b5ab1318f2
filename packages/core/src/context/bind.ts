import { AsyncResource } from 'node:async_hooks'
import { state } from './store.js'

/**
 * Binds a driver callback to the context of the code that made the call, so a
 * callback a busy pool runs after another request released a connection still sees
 * its own request. One `AsyncResource` per call, run from a closure:
 * `AsyncResource.bind()` costs several microseconds per call and is avoided on purpose.
 *
 * @example
 * const bound = bindCallback(callback)
 * return original.call(client, text, values, bound)
 */
export function bindCallback<F extends (...args: never[]) => unknown>(fn: F): F {
  if (!state.bindCallbacks) return fn
  const resource = new AsyncResource('querycost')
  state.loop?.tag(resource)
  return function (this: unknown, ...args: Parameters<F>) {
    return resource.runInAsyncScope(fn as unknown as (...a: unknown[]) => unknown, this, ...args)
  } as unknown as F
}

/**
 * A scope that runs driver work (a cursor's or stream's message handlers) in the
 * current context, or `undefined` when rebinding is switched off for a test.
 */
export function callbackScope(type: string): AsyncResource | undefined {
  if (!state.bindCallbacks) return undefined
  const resource = new AsyncResource(type)
  state.loop?.tag(resource)
  return resource
}

/** Whether driver callbacks are rebound (see {@link setCallbackBinding}). */
export function callbackBinding(): boolean {
  return state.bindCallbacks
}

/**
 * Test switch: with `false`, driver callbacks are no longer rebound and a lazy thenable
 * returned to a context runner is awaited outside the context (as before that fix),
 * which is how the integration suite proves its attribution tests fail when rebinding
 * is lost.
 * Never turn it off in production.
 */
export function setCallbackBinding(enabled: boolean): void {
  state.bindCallbacks = enabled
}
