import { activeContext, failConnection, isInstrumented, type Method, markInstrumented, type PoolRelay } from '@querycost/core/driver'
import { wrapQuery } from './operation.js'
import type { PgClientLike } from './types.js'

/** The connect callback the caller gave, counting a failure in `context` first. */
function counting(context: NonNullable<ReturnType<typeof activeContext>>, callback: Method): Method {
  return function (this: unknown, error: unknown) {
    if (error) failConnection(context, 'pg')
    return callback.apply(this, arguments as unknown as unknown[])
  }
}

/**
 * Wraps `client.connect`: a connect that fails in the caller's face (callback or
 * promise) counts as an error under `pg:(connection)`. pg gets a callback only when
 * the caller gave one.
 */
function wrapClientConnect(original: Method): Method {
  return function connect(this: unknown, callback?: unknown): unknown {
    const context = activeContext()
    if (context === undefined) return original.apply(this, arguments as unknown as unknown[])
    if (typeof callback === 'function') return original.call(this, counting(context, callback as Method))
    const result = original.apply(this, arguments as unknown as unknown[])
    if (result === null || typeof (result as PromiseLike<unknown> | undefined)?.then !== 'function') return result
    return (result as Promise<unknown>).then(undefined, (error: unknown) => {
      failConnection(context, 'pg')
      throw error
    })
  }
}

/**
 * Instruments one `pg.Client` in place: its own `query` and `connect` shadow the
 * prototype's. `relay` is its pool's, for a client a pool hands out.
 */
export function instrumentClient<C extends PgClientLike>(client: C, relay?: PoolRelay): C {
  if (isInstrumented(client)) return client
  client.query = wrapQuery(client.query as Method, relay) as C['query']
  if (relay === undefined && typeof client.connect === 'function')
    client.connect = wrapClientConnect(client.connect as Method) as C['connect']
  markInstrumented(client)
  return client
}
