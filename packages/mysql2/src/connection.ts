import { isInstrumented, markInstrumented } from '@querycost/core/driver'
import type { Method } from './call.js'
import { wrapPromiseFactory } from './promise.js'
import { wrapExecute, wrapQuery } from './query.js'
import { wrapPrepare } from './statement.js'
import type { MysqlConnectionLike } from './types.js'

/**
 * Instruments one callback-API connection in place (a `Connection`, or a
 * `PoolConnection` a pool hands out): its own `query`, `execute` and `prepare` shadow
 * the prototype's. `beginTransaction`/`commit`/`rollback` call `this.query`, so they
 * count once each; the `mysql2/promise` wrappers call these, so they count once too.
 */
export function instrumentConnection<C extends MysqlConnectionLike>(connection: C): C {
  if (isInstrumented(connection)) return connection
  connection.query = wrapQuery(connection.query as Method) as C['query']
  connection.execute = wrapExecute(connection.execute as Method) as C['execute']
  if (typeof connection.prepare === 'function') connection.prepare = wrapPrepare(connection.prepare as Method) as C['prepare']
  wrapPromiseFactory(connection)
  markInstrumented(connection)
  return connection
}
