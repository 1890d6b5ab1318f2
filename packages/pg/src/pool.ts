import { performance } from 'node:perf_hooks'
import { activeContext, bindCallback, reportInternalError } from '@querycost/core/driver'
import { instrumentClient } from './client.js'
import type { PgClientLike } from './types.js'

type Connect = (this: unknown, ...args: unknown[]) => unknown
type ConnectCallback = (error: Error | undefined, client: PgClientLike | undefined, release: unknown) => unknown

function account(started: number, client: PgClientLike | undefined): void {
  try {
    if (client !== undefined) instrumentClient(client)
    activeContext()?.addPoolWait(performance.now() - started)
  } catch (error) {
    reportInternalError('pg pool connect', error)
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
    const started = performance.now()
    if (typeof callback === 'function') {
      const bound = bindCallback(callback as ConnectCallback)
      return original.call(this, (error: Error | undefined, client: PgClientLike | undefined, release: unknown) => {
        account(started, client)
        return bound(error, client, release)
      })
    }
    const context = activeContext()
    const result = original.apply(this, arguments as unknown as unknown[]) as Promise<PgClientLike> | undefined
    if (result === undefined || typeof result.then !== 'function') return result
    return result.then((client) => {
      try {
        instrumentClient(client)
        context?.addPoolWait(performance.now() - started)
      } catch (error) {
        reportInternalError('pg pool connect', error)
      }
      return client
    })
  }
}
