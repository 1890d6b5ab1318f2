/**
 * The declared mysql2 shapes this package uses internally (never exported); the ones
 * users see are in `types.ts`. Declared, not imported: the package never depends on
 * `mysql2` or its typings at build time.
 */

/** A mysql2 result callback: `(err, rows, fields)`. */
export type MysqlCallback = (error: Error | null, ...results: unknown[]) => unknown

/** A mysql2 command (`Query`, `Execute`): an EventEmitter, callback in `onResult`. */
export interface MysqlCommandLike {
  emit(event: string | symbol, ...args: unknown[]): boolean
  onResult?: MysqlCallback | undefined
  sql?: string
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
