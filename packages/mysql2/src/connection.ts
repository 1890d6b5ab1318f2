import { countingConnect, isInstrumented, type Method, markInstrumented, type PoolRelay } from '@querycost/core/driver'
import { wrapPromiseFactory } from './native-promise.js'
import { wrapStatementMethod } from './operation.js'
import { wrapPrepare } from './statement.js'
import type { MysqlConnectionLike } from './types.js'

/**
 * Instruments one callback-API connection in place (a `Connection`, or a
 * `PoolConnection` a pool hands out): its own `query`, `execute` and `prepare` shadow
 * the prototype's (`relay` is its pool's, for a pooled one), and a standalone one's `connect` too. `beginTransaction`/`commit`/`rollback` call `this.query`, so they
 * count once each; the `mysql2/promise` wrappers call these, so they count once too.
 */
export function instrumentConnection<C extends MysqlConnectionLike>(connection: C, relay?: PoolRelay): C {
  if (isInstrumented(connection)) return connection
  connection.query = wrapStatementMethod(connection.query as Method, relay, true) as C['query']
  connection.execute = wrapStatementMethod(connection.execute as Method, relay, false) as C['execute']
  if (typeof connection.prepare === 'function') connection.prepare = wrapPrepare(connection.prepare as Method) as C['prepare']
  // A standalone connection's `connect(callback)` that fails counts under mysql:(connection);
  // a pooled one's connect is the pool's (pool.ts counts it for the checkout it serves).
  const own = connection as { connect?: unknown }
  if (relay === undefined && typeof own.connect === 'function') own.connect = countingConnect('mysql', own.connect as Method)
  wrapPromiseFactory(connection)
  markInstrumented(connection)
  return connection
}
