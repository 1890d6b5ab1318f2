import { type Ops, type ResultReader, settleStatements } from '@querycost/core/driver'
import type { MysqlResultSetHeaderLike } from './internal-types.js'

/** Rows a result returned to the application: the length of a row array, 0 for a `ResultSetHeader`. */
export function rowsOf(result: unknown): number {
  return Array.isArray(result) ? result.length : 0
}

/** Rows a result says were written: a `ResultSetHeader`'s `affectedRows`. */
export function affectedOf(result: unknown): number {
  if (result === null || typeof result !== 'object' || Array.isArray(result)) return 0
  const affected = (result as MysqlResultSetHeaderLike).affectedRows
  return typeof affected === 'number' ? affected : 0
}

/** The driver kit's reader of a mysql2 result set. */
export const MYSQL_RESULT: ResultReader<unknown> = Object.freeze({ rowsOf, affectedOf })

/**
 * Whether a callback's `(rows, fields)` hold several result sets (a multi-statement
 * query, a `CALL`): mysql2 then passes one `fields` entry per result set, an array or
 * `undefined`, where a single SELECT passes its column definitions. Looking at
 * `fields` rather than `rows` keeps `rowsAsArray` results (arrays of arrays) single.
 */
export function isMultiResult(rows: unknown, fields: unknown): rows is unknown[] {
  if (!Array.isArray(rows) || !Array.isArray(fields) || fields.length === 0) return false
  const first = fields[0]
  return first === undefined || Array.isArray(first)
}

/**
 * Ends the operations of one callback-mode `query`/`execute` with what mysql2 passed
 * its callback. `failedAt` is the index of the statement that failed (known from the
 * command's events), 0 when unknown: mysql2 stops at the failing statement.
 */
export function settle(ops: Ops, error: unknown, rows: unknown, fields: unknown, failedAt = 0): void {
  settleStatements(ops, error, rows, isMultiResult(rows, fields), MYSQL_RESULT, failedAt)
}
