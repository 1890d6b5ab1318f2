import { isInstrumented, markInstrumented } from '@querycost/core/driver'
import { wrapQuery } from './query.js'
import type { PgClientLike } from './types.js'

/** Instruments one `pg.Client` in place: its own `query` shadows the prototype's. */
export function instrumentClient<C extends PgClientLike>(client: C): C {
  if (isInstrumented(client)) return client
  client.query = wrapQuery(client.query as never) as C['query']
  markInstrumented(client)
  return client
}
