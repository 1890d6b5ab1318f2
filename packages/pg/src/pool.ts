import type { AsyncResource } from 'node:async_hooks'
import { callbackBinding, callbackScope, type Method, type PoolRelay } from '@querycost/core/driver'
import { callbackPromise } from './callback-promise.js'

/**
 * Wraps `pool.connect`. The callback a busy pool runs when another request releases a
 * client runs in the caller's context (pg-pool's own `pool.query` goes through
 * `this.connect` too: its checkout takes what the shortcut offered the relay); the time
 * spent waiting becomes `poolWaitMs`, a failed checkout an error under `pg:(connection)`;
 * each client handed out is instrumented before the caller sees it.
 */
export function wrapConnect(original: Method, relay: PoolRelay): Method {
  return function connect(this: unknown, callback?: unknown): unknown {
    let waiting: Method
    let promise: Promise<unknown> | undefined
    if (typeof callback === 'function') {
      waiting = relay.checkout(callback as Method, true)
    } else {
      // The promise form: pg-pool's own promise would settle from the pool's callback; this
      // one settles from the relay's, in the caller's context by construction.
      const made = callbackPromise((this as { Promise?: PromiseConstructor }).Promise)
      waiting = relay.checkout(made.callback as Method, false)
      promise = made.promise
    }
    try {
      const result = original.call(this, waiting)
      return promise ?? result
    } catch (error) {
      // Thrown before the callback was queued (a client the pool could not create).
      relay.checkoutThrew()
      throw error
    }
  }
}

/** The caller's callback of a callback-form `pool.query`, run in the scope made for the call. */
function scoped(relay: PoolRelay, scope: AsyncResource, callback: Method): Method {
  return function (this: unknown, ...args: unknown[]) {
    relay.clearLoan() // the caller's code runs here: its own queries bind as usual
    return scope.runInAsyncScope(callback, this, ...args)
  }
}

/**
 * Wraps `pool.query`, the shortcut: it offers its checkout either the caller's context
 * (promise form: no scope at all, the caller continues from the promise in its own
 * context) or one scope made now (callback form), which the checkout, the query and
 * the caller's callback share. The query pg-pool sends counts once, on the client.
 */
export function wrapPoolQuery(original: Method, relay: PoolRelay): Method {
  return function query(this: unknown, text: unknown, values?: unknown, callback?: unknown): unknown {
    if (typeof values !== 'function' && typeof callback !== 'function' && callbackBinding()) {
      return relay.offer(undefined, original, this, arguments)
    }
    const scope = callbackScope('querycost.pg.pool')
    if (scope === undefined) return original.apply(this, arguments as unknown as unknown[])
    if (typeof values === 'function') values = scoped(relay, scope, values as Method)
    else if (typeof callback === 'function') callback = scoped(relay, scope, callback as Method)
    return relay.offer(scope, original, this, [text, values, callback])
  }
}
