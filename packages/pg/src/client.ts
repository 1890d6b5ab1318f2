import { countingConnect, isInstrumented, type Method, markInstrumented, type PoolRelay } from '@querycost/core/driver'
import { wrapQuery } from './operation.js'
import type { PgClientLike } from './types.js'

/**
 * Instruments one `pg.Client` in place: its own `query` and `connect` shadow the
 * prototype's. `relay` is its pool's, for a client a pool hands out.
 */
export function instrumentClient<C extends PgClientLike>(client: C, relay?: PoolRelay): C {
  if (isInstrumented(client)) return client
  client.query = wrapQuery(client.query as Method, relay) as C['query']
  if (relay === undefined && typeof client.connect === 'function')
    client.connect = countingConnect('pg', client.connect as Method) as C['connect']
  markInstrumented(client)
  return client
}
