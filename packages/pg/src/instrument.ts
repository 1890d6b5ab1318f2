import { isInstrumented, type Method, markInstrumented, PoolRelay } from '@querycost/core/driver'
import { instrumentClient } from './client.js'
import { wrapConnect, wrapPoolQuery } from './pool.js'
import type { PgClientLike, PgPoolLike } from './types.js'

function isPool(target: PgClientLike): target is PgPoolLike {
  return typeof (target as PgPoolLike).connect === 'function' && 'totalCount' in target
}

/**
 * Counts every query of a `pg.Pool` or `pg.Client` against the cost context of the
 * code that made it. Returns the same object, instrumented in place (so `instanceof`,
 * events and every other method are untouched); instrumenting twice is a no-op.
 *
 * @example
 * import pg from 'pg'
 * import { instrument } from '@querycost/pg'
 * const pool = instrument(new pg.Pool({ connectionString: process.env.DATABASE_URL }))
 */
export function instrument<T extends PgClientLike>(target: T): T {
  if (target === null || typeof target !== 'object' || typeof target.query !== 'function') {
    throw new TypeError('@querycost/pg: instrument() takes a pg.Pool or pg.Client, e.g. instrument(new pg.Pool(config))')
  }
  if (!isPool(target)) return instrumentClient(target)
  if (isInstrumented(target)) return target
  // pool.query checks a client out through this.connect and queries it: each pooled
  // query counts once, on the client, in the right context, through the pool's relay.
  const relay: PoolRelay = new PoolRelay('pg', (client) => instrumentClient(client as PgClientLike, relay))
  target.connect = wrapConnect(target.connect as Method, relay) as PgPoolLike['connect']
  target.query = wrapPoolQuery(target.query as Method, relay) as PgPoolLike['query']
  markInstrumented(target)
  return target
}
