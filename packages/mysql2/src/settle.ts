import { endStatements, endWithAll, failStatements, type Operation, type ResultReader } from '@querycost/core/driver'
import type { Ops } from './operations.js'
import { affectedOf, isMultiResult, rowsOf } from './result.js'

const MYSQL: ResultReader<unknown> = { rowsOf, affectedOf }

/**
 * Ends the operations of one callback-mode `query`/`execute` with what mysql2 passed
 * its callback: one operation per statement, several result sets split statement by
 * statement and the round trip's time shared between them. `failedAt` is the index of
 * the statement that failed (known from the command's events), 0 when unknown.
 */
export function settle(ops: Ops, error: unknown, rows: unknown, fields: unknown, failedAt = 0): void {
  if (!Array.isArray(ops)) {
    const op = ops as Operation
    if (error) op.fail()
    else if (isMultiResult(rows, fields)) endWithAll(op, rows, MYSQL)
    else op.end(rowsOf(rows), affectedOf(rows))
    return
  }
  // mysql2 stops at the failing statement; the ones before it ran and the call is one
  // failure. The last statement takes any result sets beyond it (a CALL's trailing
  // status, a text our lexer split differently from the server).
  if (error) failStatements(ops, failedAt)
  else endStatements(ops, isMultiResult(rows, fields) ? rows : [rows], MYSQL)
}
