/**
 * The declared mysql2 types users see (exported from `index.ts`): the small structural
 * subset this package touches, so it never depends on the driver or its typings at
 * build time. Shapes used only inside are in `internal-types.ts`.
 */

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
