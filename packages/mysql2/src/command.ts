import { bindCallback, type Operation, reportInternalError } from '@querycost/core/driver'
import { affectedOf } from './result.js'
import { settle } from './settle.js'
import type { MysqlCallback, MysqlCommandLike } from './types.js'

/** How far a command got: the index of the result set being received (-1 before the first). */
export interface Progress {
  index: number
}

/**
 * The callback handed to mysql2 in place of the user's: ends the call's operations,
 * then runs the user's callback in the caller's context (a pooled connection's socket
 * would otherwise run it in whichever request created the connection). mysql2's
 * arguments pass through as they came.
 */
export function wrapCallback(ops: readonly Operation[], callback: MysqlCallback, progress?: Progress): MysqlCallback {
  const bound = bindCallback(callback)
  return function (this: unknown, error: Error | null, rows?: unknown, fields?: unknown) {
    try {
      settle(ops, error, rows, fields, progress === undefined ? 0 : progress.index + 1)
    } catch (internal) {
      reportInternalError('mysql2 settle', internal)
    }
    return (bound as (...args: unknown[]) => unknown).apply(this, arguments as unknown as unknown[])
  }
}

/**
 * Watches a command's events through its own `emit` (instance-level; never the
 * prototype), so the command behaves exactly as before: an `'error'` nobody listens
 * to still throws. Listeners (`'result'`, `'fields'`, `'end'`, and a `.stream()` built
 * on them) run in the caller's context.
 *
 * Each `'fields'` starts a result set (`undefined` for one without rows). With
 * `settles`, the call has no callback: each row `'result'` is added as it arrives (a
 * stream's rows count while it flows), a `ResultSetHeader` gives `affected`, and
 * `'error'` or `'end'` ends the operations. Without it, only `progress` is kept: a
 * multi-statement callback learns which statement failed.
 */
export function watchEvents(command: unknown, ops: readonly Operation[], progress: Progress, settles: boolean): void {
  const cmd = command as MysqlCommandLike
  if (cmd === null || typeof cmd !== 'object' || typeof cmd.emit !== 'function') {
    if (settles) settle(ops, undefined, undefined, undefined)
    return
  }
  const n = ops.length
  const share = 1 / n
  const affected = settles ? new Array<number>(n).fill(0) : undefined
  let header = false
  const observe = (event: unknown, value: unknown): void => {
    if (event === 'fields') {
      progress.index++
      header = value === undefined
      return
    }
    if (affected === undefined) return
    const at = progress.index < 0 ? 0 : progress.index < n ? progress.index : n - 1
    if (event === 'result') {
      if (header) affected[at] = (affected[at] as number) + affectedOf(value)
      else (ops[at] as Operation).addRows(1)
    } else if (event === 'end' || event === 'error') {
      const failed = event === 'error' ? Math.min(progress.index + 1, n - 1) : -1
      for (let i = 0; i < n; i++) {
        if (i === failed) (ops[i] as Operation).fail(0, share)
        else (ops[i] as Operation).end(0, affected[i] as number, share)
      }
    }
  }
  const emit = bindCallback(cmd.emit as (...args: unknown[]) => boolean)
  cmd.emit = function (this: unknown, event: string | symbol, value?: unknown) {
    try {
      observe(event, value)
    } catch (internal) {
      reportInternalError('mysql2 command event', internal)
    }
    return emit.apply(this, arguments as unknown as unknown[])
  }
}

/** A call the driver rejected before sending (it threw): one failed operation, the error rethrown. */
export function failThrown(ops: readonly Operation[], error: unknown): void {
  try {
    settle(ops, error, undefined, undefined)
  } catch (internal) {
    reportInternalError('mysql2 settle', internal)
  }
}
