import type { AsyncResource } from 'node:async_hooks'
import { performance } from 'node:perf_hooks'
import { activeContext, bindCallback, type CostContext, reportInternalError, waiterCallback } from '@querycost/core/driver'
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

/**
 * A promise-form `pool.query`'s checkout ends: its query begins in `context`, the caller's,
 * now. The hot path: it waits with a recycled callback (`waiterCallback`), nothing made per query.
 */
function handOverDirect(
  context: CostContext | undefined,
  callback: PoolCallback,
  _: undefined,
  _n: number,
  error: unknown,
  client: unknown,
  release: unknown,
): unknown {
  return runPoolCallbackDirect(context, account(context, client as PgClientLike | undefined), callback, error, client, release)
}

// The other checkouts' callbacks are made by one of these, so that each closure holds what it
// uses and nothing else: every young-generation collection copies it until its turn.

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

/** A promise-form `pool.connect()`, settling its promise. */
function promised(context: CostContext | undefined, settle: (error: unknown, client: unknown) => void): ConnectCallback {
  return (error, client) => {
    account(context, client)
    settle(error, client)
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
    let waiting: unknown
    let promise: Promise<unknown> | undefined
    if (typeof callback === 'function' && takePoolQueryDirect())
      waiting = waiterCallback(handOverDirect, context, callback as PoolCallback, undefined)
    else if (typeof callback === 'function' && poolQueryScope !== undefined)
      waiting = pooled(context, poolQueryScope, callback as PoolCallback)
    else if (typeof callback === 'function') waiting = bound(context, callback as ConnectCallback)
    else {
      const made = callbackPromise((this as { Promise?: PromiseConstructor }).Promise)
      waiting = promised(context, made.callback)
      promise = made.promise
    }
    try {
      const result = original.call(this, waiting)
      return promise ?? result
    } catch (error) {
      // Thrown before the callback was queued (a client the pool could not create): no wait.
      context?.endPoolWait(performance.now())
      throw error
    }
  }
}
