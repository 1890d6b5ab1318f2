import type { Operation } from '../accounting/operation.js'

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
