import { instrumentCluster } from './cluster.js'
import { instrumentConnection } from './connection.js'
import { instrumentPromiseObject } from './native-promise.js'
import { instrumentPool } from './pool.js'
import type {
  MysqlConnectionLike,
  MysqlInstrumentable,
  MysqlPoolClusterLike,
  MysqlPoolLike,
  MysqlPromiseConnectionLike,
  MysqlPromisePoolClusterLike,
  MysqlPromisePoolLike,
} from './types.js'

const USAGE =
  'instrument() takes a mysql2 connection, pool or pool cluster (callback or promise API), e.g. instrument(mysql.createPool(url))'

type Shape = Record<string, unknown>

const isFn = (value: unknown): boolean => typeof value === 'function'
const isObj = (value: unknown): value is Shape => value !== null && typeof value === 'object'

function isPool(target: Shape): boolean {
  return isFn(target.getConnection) && isFn(target.releaseConnection) && isFn(target.query)
}
function isCluster(target: Shape): boolean {
  return isFn(target.of) && isFn(target.getConnection) && isFn(target.add)
}
function isConnection(target: Shape): boolean {
  return isFn(target.query) && isFn(target.execute)
}

/**
 * Counts every statement of a mysql2 connection, pool or pool cluster, callback or
 * promise API, against the cost context of the code that made it. Returns the same
 * object, instrumented in place (so `instanceof`, events and every other method are
 * untouched); instrumenting twice is a no-op. The promise API's objects wrap a
 * callback-API one, which is what gets instrumented: `pool.promise()` taken before or
 * after `instrument(pool)` is counted either way, and exactly once.
 *
 * @example
 * import mysql from 'mysql2/promise'
 * import { instrument } from '@querycost/mysql2'
 * const pool = instrument(mysql.createPool({ uri: process.env.MYSQL_URL, connectionLimit: 10 }))
 * const [rows] = await pool.query('SELECT * FROM users WHERE id = ?', [id])
 */
export function instrument<T extends MysqlInstrumentable>(target: T): T {
  if (!isObj(target)) throw new TypeError(`@querycost/mysql2: ${USAGE}`)
  if (isFn(target.then)) {
    throw new TypeError(`@querycost/mysql2: instrument() got a promise; await it first: instrument(await mysql.createConnection(url))`)
  }
  if (isObj(target.connection) && isConnection(target.connection)) {
    instrumentConnection((target as MysqlPromiseConnectionLike).connection)
    instrumentPromiseObject(target)
  } else if (isObj(target.pool) && isPool(target.pool)) {
    instrumentPool((target as MysqlPromisePoolLike).pool)
    instrumentPromiseObject(target)
  } else if (isObj(target.poolCluster) && isCluster(target.poolCluster)) {
    instrumentCluster((target as MysqlPromisePoolClusterLike).poolCluster)
  } else if (isCluster(target)) {
    instrumentCluster(target as unknown as MysqlPoolClusterLike)
  } else if (isPool(target)) {
    instrumentPool(target as unknown as MysqlPoolLike)
  } else if (isConnection(target)) {
    instrumentConnection(target as unknown as MysqlConnectionLike)
  } else {
    throw new TypeError(`@querycost/mysql2: ${USAGE}`)
  }
  return target
}
