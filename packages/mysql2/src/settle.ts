import type { Operation } from '@querycost/core/driver'
import { affectedOf, isMultiResult, rowsOf } from './result.js'

/**
 * Ends the operations of one callback-mode `query`/`execute` with what mysql2 passed
 * its callback: one operation per statement, several result sets split statement by
 * statement and the round trip's time shared between them. `failedAt` is the index of
 * the statement that failed (known from the command's events), 0 when unknown.
 */
export function settle(ops: readonly Operation[], error: unknown, rows: unknown, fields: unknown, failedAt = 0): void {
  const n = ops.length
  if (n === 1) {
    const op = ops[0] as Operation
    if (error) op.fail()
    else if (isMultiResult(rows, fields)) endWithAll(op, rows, 1)
    else op.end(rowsOf(rows), affectedOf(rows))
    return
  }
  const share = 1 / n
  if (error) {
    // mysql2 stops at the failing statement; the ones before it ran and the call
    // is one failure. Statements after it were sent in the same text.
    const at = Math.min(Math.max(failedAt, 0), n - 1)
    for (let i = 0; i < n; i++) {
      if (i === at) (ops[i] as Operation).fail(0, share)
      else (ops[i] as Operation).end(0, 0, share)
    }
    return
  }
  const results = isMultiResult(rows, fields) ? rows : [rows]
  for (let i = 0; i < n - 1; i++) {
    const op = ops[i] as Operation
    if (i < results.length) op.end(rowsOf(results[i]), affectedOf(results[i]), share)
    else op.end(0, 0, share)
  }
  // The last statement takes any result sets beyond it (a CALL's trailing status, a
  // text our lexer split differently from the server): every row still counts once.
  endWithAll(ops[n - 1] as Operation, results.slice(n - 1), share)
}

function endWithAll(op: Operation, results: readonly unknown[], share: number): void {
  let rows = 0
  let affected = 0
  for (const r of results) {
    rows += rowsOf(r)
    affected += affectedOf(r)
  }
  op.end(rows, affected, share)
}
