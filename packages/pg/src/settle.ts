import { endStatements, endWithAll, failStatements, type Operation, type ResultReader } from '@querycost/core/driver'
import { affectedOf, rowsOf } from './result.js'
import type { PgResultLike } from './types.js'

const PG: ResultReader<PgResultLike | undefined> = { rowsOf, affectedOf }

/**
 * Ends the operations of one `query` call with its result: one operation per
 * statement, a multi-statement result (an array) split statement by statement and
 * the round trip's time shared between them. A failed simple query stops at its
 * failing statement, which pg does not name: it is one failure, on the first.
 */
export function settle(ops: Operation | readonly Operation[], error: unknown, result: unknown): void {
  if (!Array.isArray(ops)) {
    const op = ops as Operation
    if (error) op.fail()
    else if (Array.isArray(result)) endWithAll(op, result as PgResultLike[], PG)
    else op.end(rowsOf(result as PgResultLike), affectedOf(result as PgResultLike))
    return
  }
  if (error) failStatements(ops)
  else endStatements(ops, Array.isArray(result) ? (result as PgResultLike[]) : [result as PgResultLike], PG)
}
