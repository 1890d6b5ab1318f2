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

// Every checkout waits in pg-pool's queue with a recycled callback (core's `waiterCallback`)
// that runs one of these when the pool hands a client (or an error) over: nothing made per
// checkout for every young-generation collection to copy until its turn.

/** A promise-form `pool.query`: its query begins in `context`, the caller's, now. */
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

/** A callback-form `pool.query`, in the scope it made. */
function handOverScoped(
  context: CostContext | undefined,
  scope: AsyncResource,
  callback: PoolCallback,
  _n: number,
  error: unknown,
  client: unknown,
  release: unknown,
): unknown {
  account(context, client as PgClientLike | undefined)
  return runPoolCallback(scope, callback, error, client, release)
}

/**
 * A user's `pool.connect(callback)` (`then`: their callback, bound to their context) or a
 * promise-form `pool.connect()` (`then`: the callback that settles its promise).
 */
function handOverTo(
  context: CostContext | undefined,
  then: ConnectCallback,
  _: undefined,
  _n: number,
  error: unknown,
  client: unknown,
  release: unknown,
): unknown {
  account(context, client as PgClientLike | undefined)
  return then(error as Error | undefined, client as PgClientLike | undefined, release)
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
      waiting = waiterCallback(handOverScoped, context, poolQueryScope, callback as PoolCallback)
    else if (typeof callback === 'function')
      waiting = waiterCallback(handOverTo, context, bindCallback(callback as ConnectCallback), undefined)
    else {
      const made = callbackPromise((this as { Promise?: PromiseConstructor }).Promise)
      waiting = waiterCallback(handOverTo, context, made.callback as ConnectCallback, undefined)
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
