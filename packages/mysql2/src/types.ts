/**
 * The small structural subset of mysql2 that this package touches, declared here so
 * the package never depends on `mysql2` or its typings at build time.
 */

/** A mysql2 result callback: `(err, rows, fields)`. */
export type MysqlCallback = (error: Error | null, ...results: unknown[]) => unknown

/** A mysql2 command (`Query`, `Execute`): an EventEmitter, callback in `onResult`. */
export interface MysqlCommandLike {
  emit(event: string | symbol, ...args: unknown[]): boolean
  onResult?: MysqlCallback | undefined
  sql?: string
}

/** A callback-API `Connection` (also each `PoolConnection`). */
export interface MysqlConnectionLike {
  query(...args: unknown[]): unknown
  execute(...args: unknown[]): unknown
  prepare?(...args: unknown[]): unknown
  format?(sql: string, values?: unknown): string
  /** Makes its `mysql2/promise` wrapper. */
  promise?(...args: unknown[]): unknown
}

/** A callback-API `Pool`. */
export interface MysqlPoolLike {
  query(...args: unknown[]): unknown
  execute?(...args: unknown[]): unknown
  getConnection(...args: unknown[]): unknown
  releaseConnection(...args: unknown[]): unknown
  /** Makes its `mysql2/promise` wrapper. */
  promise?(...args: unknown[]): unknown
}

/** A node of a `PoolCluster`: one pool. */
export interface MysqlClusterNodeLike {
  pool: MysqlPoolLike
}

/**
 * A callback-API `PoolCluster`. Its internal `_getConnection(node, cb)` (absent from
 * mysql2's typings, present since 2.x) is where every node pool is reached.
 */
export interface MysqlPoolClusterLike {
  of(...args: unknown[]): unknown
  getConnection(...args: unknown[]): unknown
  _getConnection?(node: MysqlClusterNodeLike, callback: unknown): unknown
}

/** `PromiseConnection` / `PromisePoolConnection` (mysql2/promise): wraps a callback connection. */
export interface MysqlPromiseConnectionLike {
  connection: MysqlConnectionLike
}

/** `PromisePool` (mysql2/promise, `pool.promise()`): wraps a callback pool. */
export interface MysqlPromisePoolLike {
  pool: MysqlPoolLike
}

/** `PromisePoolCluster` (mysql2/promise): wraps a callback pool cluster. */
export interface MysqlPromisePoolClusterLike {
  poolCluster: MysqlPoolClusterLike
}

/** A prepared statement handed out by `connection.prepare` (`PreparedStatementInfo`). */
export interface MysqlStatementLike {
  query: string
  execute(...args: unknown[]): unknown
}

/** `ResultSetHeader`: what a write (or any statement without rows) returns. */
export interface MysqlResultSetHeaderLike {
  affectedRows?: number
}

/** Anything `instrument()` accepts. */
export type MysqlInstrumentable =
  | MysqlConnectionLike
  | MysqlPoolLike
  | MysqlPoolClusterLike
  | MysqlPromiseConnectionLike
  | MysqlPromisePoolLike
  | MysqlPromisePoolClusterLike

/** The `mysql2` or `mysql2/promise` module, as ORMs receive it (`dialectModule`, a driver). */
export interface MysqlModuleLike {
  createConnection?: (...args: never[]) => unknown
  connect?: (...args: never[]) => unknown
  createPool?: (...args: never[]) => unknown
  createPoolCluster?: (...args: never[]) => unknown
}
