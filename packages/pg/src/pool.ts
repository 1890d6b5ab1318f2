import { performance } from 'node:perf_hooks'
import { activeContext, bindCallback, type CostContext, reportInternalError } from '@querycost/core/driver'
import { instrumentClient } from './client.js'
import { type PoolCallback, runPoolCallback, runPoolCallbackDirect, takePoolQueryDirect, takePoolQueryScope } from './pool-query.js'
import { callbackPromise } from './promise.js'
import type { PgClientLike } from './types.js'

type Connect = (this: unknown, ...args: unknown[]) => unknown
type ConnectCallback = (error: Error | undefined, client: PgClientLike | undefined, release: unknown) => unknown

/** A client (or an error) reached the caller: instrument it, count the wait in `context`; when the wait ended. */
function account(context: CostContext | undefined, started: number, client: PgClientLike | undefined): number {
  const now = performance.now()
  try {
    if (client !== undefined) instrumentClient(client)
    context?.addPoolWait(now - started)
  } catch (error) {
    reportInternalError('pg pool connect', error)
  }
  return now
}

/**
 * Wraps `pool.connect`. The callback a busy pool runs when another request releases a
 * client is bound to the caller's context (pg-pool's own `pool.query` goes through
 * `this.connect` too, so its query lands in the right request); the time spent waiting
 * becomes `poolWaitMs`; each client handed out is instrumented before the caller sees it.
 */
export function wrapConnect(original: Connect): Connect {
  return function connect(this: unknown, callback?: unknown): unknown {
    const started = performance.now()
    // Taken now: the callback of a busy pool runs in the request that released a client.
    const context = activeContext()
    const poolQueryScope = takePoolQueryScope()
    if (typeof callback === 'function' && takePoolQueryDirect()) {
      return original.call(this, (error: Error | undefined, client: PgClientLike | undefined, release: unknown) => {
        const at = account(context, started, client)
        return runPoolCallbackDirect(context, at, callback as PoolCallback, error, client, release)
      })
    }
    if (typeof callback === 'function' && poolQueryScope !== undefined) {
      return original.call(this, (error: Error | undefined, client: PgClientLike | undefined, release: unknown) => {
        account(context, started, client)
        return runPoolCallback(poolQueryScope, callback as PoolCallback, error, client, release)
      })
    }
    if (typeof callback === 'function') {
      const bound = bindCallback(callback as ConnectCallback)
      return original.call(this, (error: Error | undefined, client: PgClientLike | undefined, release: unknown) => {
        account(context, started, client)
        return bound(error, client, release)
      })
    }
    const { callback: settle, promise } = callbackPromise((this as { Promise?: PromiseConstructor }).Promise)
    original.call(this, (error: Error | undefined, client: PgClientLike | undefined) => {
      account(context, started, client)
      settle(error, client)
    })
    return promise
  }
}
