import type { Operation } from '@querycost/core/driver'
import { affectedOf, rowsOf } from './result.js'
import type { PgResultLike } from './types.js'

/**
 * Ends the operations of one `query` call with its result: one operation per
 * statement, a multi-statement result (an array) split statement by statement and
 * the round trip's time shared between them.
 */
export function settle(ops: Operation | readonly Operation[], error: unknown, result: unknown): void {
  if (!Array.isArray(ops)) {
    const op = ops as Operation
    if (error) op.fail()
    else if (Array.isArray(result)) endWithAll(op, result as PgResultLike[])
    else op.end(rowsOf(result as PgResultLike), affectedOf(result as PgResultLike))
    return
  }
  const n = ops.length
  const share = 1 / n
  if (error) {
    // A failed simple query stops at its failing statement; it is one failed call.
    ;(ops[0] as Operation).fail(0, share)
    for (let i = 1; i < n; i++) (ops[i] as Operation).end(0, 0, share)
    return
  }
  const results = Array.isArray(result) ? (result as PgResultLike[]) : [result as PgResultLike]
  for (let i = 0; i < n - 1; i++) {
    const op = ops[i] as Operation
    if (i < results.length) op.end(rowsOf(results[i]), affectedOf(results[i]), share)
    else op.end(0, 0, share)
  }
  // The last statement takes any results beyond it, should the server have split the
  // text differently from our lexer: every row still counts once.
  endWithAll(ops[n - 1] as Operation, results.slice(n - 1), share)
}

function endWithAll(op: Operation, results: PgResultLike[], share = 1): void {
  let rows = 0
  let affected = 0
  for (const r of results) {
    rows += rowsOf(r)
    affected += affectedOf(r)
  }
  op.end(rows, affected, share)
}
