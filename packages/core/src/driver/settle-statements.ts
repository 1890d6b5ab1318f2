import type { Operation } from '../accounting/operation.js'
import type { Ops } from './begin-statements.js'

/** How a driver reads one statement's result. */
export interface ResultReader<R> {
  /** Rows the result returned to the application. */
  rowsOf(result: R): number
  /** Rows, keys or documents the result says were written. */
  affectedOf(result: R): number
}

/** Ends `op` with every result added up (one statement whose call returned several result sets). */
export function endWithAll<R>(op: Operation, results: readonly R[], reader: ResultReader<R>, share = 1): void {
  let rows = 0
  let affected = 0
  for (const result of results) {
    rows += reader.rowsOf(result)
    affected += reader.affectedOf(result)
  }
  op.end(rows, affected, share)
}

/**
 * Ends the operations of a multi-statement call, one per statement, each with its own
 * result and an equal share of the round trip's time. The last statement takes any
 * results beyond it, should the server have split the text differently from the
 * lexer: every row still counts once.
 *
 * @example
 * endStatements(ops, Array.isArray(result) ? result : [result], { rowsOf, affectedOf })
 */
export function endStatements<R>(ops: readonly Operation[], results: readonly R[], reader: ResultReader<R>): void {
  const n = ops.length
  const share = 1 / n
  for (let i = 0; i < n - 1; i++) {
    const op = ops[i] as Operation
    if (i < results.length) op.end(reader.rowsOf(results[i] as R), reader.affectedOf(results[i] as R), share)
    else op.end(0, 0, share)
  }
  endWithAll(ops[n - 1] as Operation, results.slice(n - 1), reader, share)
}

/**
 * Ends the operations of a multi-statement call that failed: the call is one failure,
 * on the statement at `failedAt` (0 when the driver does not say which); the others
 * end with nothing.
 */
export function failStatements(ops: readonly Operation[], failedAt = 0): void {
  const n = ops.length
  const share = 1 / n
  const at = Math.min(Math.max(failedAt, 0), n - 1)
  for (let i = 0; i < n; i++) {
    if (i === at) (ops[i] as Operation).fail(0, share)
    else (ops[i] as Operation).end(0, 0, share)
  }
}

/**
 * Ends the operations of one call with what the driver gave back: `error` fails them
 * (one failure, on the statement at `failedAt`, 0 when the driver does not say which);
 * otherwise `result` is one result set, or, with `many`, the list of the call's result
 * sets (a multi-statement text, a `CALL`), split statement by statement with the round
 * trip's time shared between them. A driver package supplies only `many` and the reader.
 *
 * @example
 * settleStatements(ops, error, result, Array.isArray(result), PG_RESULT)
 */
export function settleStatements<R>(ops: Ops, error: unknown, result: unknown, many: boolean, reader: ResultReader<R>, failedAt = 0): void {
  if (!Array.isArray(ops)) {
    const op = ops as Operation
    if (error) op.fail()
    else if (many) endWithAll(op, result as readonly R[], reader)
    else op.end(reader.rowsOf(result as R), reader.affectedOf(result as R))
    return
  }
  if (error) failStatements(ops, failedAt)
  else endStatements(ops, many ? (result as readonly R[]) : [result as R], reader)
}
