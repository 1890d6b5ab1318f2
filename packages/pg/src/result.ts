import type { ResultReader } from '@querycost/core/driver'
import type { PgResultLike } from './internal-types.js'

const WRITES = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE', 'COPY'])

/** Rows a result returned to the application. */
export function rowsOf(result: PgResultLike | undefined): number {
  const rows = result?.rows
  return Array.isArray(rows) ? rows.length : 0
}

/** Rows a result says were written: `rowCount` of INSERT, UPDATE, DELETE, MERGE and COPY. */
export function affectedOf(result: PgResultLike | undefined): number {
  const command = result?.command
  if (command === 'SELECT' || typeof command !== 'string' || !WRITES.has(command)) return 0
  return typeof result?.rowCount === 'number' ? result.rowCount : 0
}

/**
 * The row count a CommandComplete tag reports for a write (`INSERT 0 5`, `UPDATE 3`,
 * `MERGE 2`): what a submittable (cursor, stream) wrote, since it has no Result.
 */
export function affectedOfTag(tag: unknown): number {
  if (typeof tag !== 'string') return 0
  const space = tag.indexOf(' ')
  if (space < 0 || !WRITES.has(tag.slice(0, space))) return 0
  const count = Number(tag.slice(tag.lastIndexOf(' ') + 1))
  return Number.isFinite(count) ? count : 0
}

/** The driver kit's reader of a pg `Result`. */
export const PG_RESULT: ResultReader<PgResultLike | undefined> = Object.freeze({ rowsOf, affectedOf })
