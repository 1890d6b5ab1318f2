import type { AsyncResource } from 'node:async_hooks'
import { performance } from 'node:perf_hooks'
import { activeContext, bindCallback, type CostContext, reportInternalError } from '@querycost/core/driver'
import { instrumentClient } from './client.js'
import { type PoolCallback, runPoolCallback, runPoolCallbackDirect, takePoolQueryDirect, takePoolQueryScope } from './pool-query.js'
import { callbackPromise } from './promise.js'
import type { PgClientLike } from './types.js'

type Connect = (this: unknown, ...args: unknown[]) => unknown
type ConnectCallback = (error: Error | undefined, client: PgClientLike | undefined, release: unknown) => unknown

/** A client (or an error) reached the caller: instrument it, end the wait `context` began; when it ended. */
function account(context: CostContext | undefined, client: PgClientLike | undefined): number {
  const now = performance.now()
  try {
    if (client !== undefined) instrumentClient(client)
    context?.endPoolWait(now)
  } catch (error) {
    reportInternalError('pg pool connect', error)
  }
  return now
}

// Each waiter's callback is made by one of these, so that its closure holds what it uses and
// nothing else: every young-generation collection copies it until the pool hands a client over.

/** A promise-form `pool.query`'s checkout: its query begins in `context` when the wait ends. */
function handOverDirect(this: CostContext | undefined, callback: PoolCallback, error: unknown, client: unknown, release: unknown): unknown {
  return runPoolCallbackDirect(this, account(this, client as PgClientLike | undefined), callback, error, client, release)
}
function direct(context: CostContext | undefined, callback: PoolCallback): PoolCallback {
  return handOverDirect.bind(context, callback) as PoolCallback
}

/** A callback-form `pool.query`'s checkout, in the scope it made. */
function pooled(context: CostContext | undefined, scope: AsyncResource, callback: PoolCallback): PoolCallback {
  return (error, client, release) => {
    account(context, client as PgClientLike | undefined)
    return runPoolCallback(scope, callback, error, client, release)
  }
}

/** A user's `pool.connect(callback)`, bound to their context. */
function bound(context: CostContext | undefined, callback: ConnectCallback): ConnectCallback {
  const inCaller = bindCallback(callback)
  return (error, client, release) => {
    account(context, client)
    return inCaller(error, client, release)
  }
}

/**
 * Wraps `pool.connect`. The callback a busy pool runs when another request releases a
 * client is bound to the caller's context (pg-pool's own `pool.query` goes through
 * `this.connect` too, so its query lands in the right request); the time spent waiting
 * becomes `poolWaitMs`; each client handed out is instrumented before the caller sees it.
 */
export function wrapConnect(original: Connect): Connect {
  return function connect(this: unknown, callback?: unknown): unknown {
    // Taken now: the callback of a busy pool runs in the request that released a client.
    const context = activeContext()
    context?.beginPoolWait(performance.now())
    const poolQueryScope = takePoolQueryScope()
    if (typeof callback === 'function' && takePoolQueryDirect()) return original.call(this, direct(context, callback as PoolCallback))
    if (typeof callback === 'function' && poolQueryScope !== undefined) {
      return original.call(this, pooled(context, poolQueryScope, callback as PoolCallback))
    }
    if (typeof callback === 'function') return original.call(this, bound(context, callback as ConnectCallback))
    const { callback: settle, promise } = callbackPromise((this as { Promise?: PromiseConstructor }).Promise)
    original.call(this, (error: Error | undefined, client: PgClientLike | undefined) => {
      account(context, client)
      settle(error, client)
    })
    return promise
  }
}
