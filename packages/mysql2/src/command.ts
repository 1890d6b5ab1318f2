import type { AsyncResource } from 'node:async_hooks'
import { callWith, countOf, type Method, type Ops, opAt, safely } from '@querycost/core/driver'
import type { MysqlCallback, MysqlCommandLike } from './internal-types.js'
import { affectedOf, settle } from './result.js'

/** How far a command got: the index of the result set being received (-1 before the first). */
export interface Progress {
  index: number
}

/**
 * The callback handed to mysql2 in place of the user's: ends the call's operations,
 * then runs the user's callback in `scope`, the caller's (a pooled connection's socket
 * would otherwise run it in whichever request created the connection; no scope when
 * rebinding is switched off). mysql2's arguments pass through as they came.
 */
export function wrapCallback(
  ops: Ops,
  callback: MysqlCallback,
  progress: Progress | undefined,
  scope: AsyncResource | undefined,
): MysqlCallback {
  return function (this: unknown, error: unknown, rows?: unknown, fields?: unknown) {
    safely('mysql2 settle', settle, ops, error, rows, fields, progress === undefined ? 0 : progress.index + 1)
    return callWith(scope, callback as Method, this, arguments.length, error, rows, fields)
  } as MysqlCallback
}

/**
 * Watches a command's events through its own `emit` (instance-level; never the
 * prototype), so the command behaves exactly as before: an `'error'` nobody listens
 * to still throws. Listeners (`'result'`, `'fields'`, `'end'`, and a `.stream()` built
 * on them) run in `scope`, the caller's.
 *
 * Each `'fields'` starts a result set (`undefined` for one without rows). With
 * `settles`, the call has no callback: each row `'result'` is added as it arrives (a
 * stream's rows count while it flows), a `ResultSetHeader` gives `affected`, and
 * `'error'` or `'end'` ends the operations. Without it, only `progress` is kept: a
 * multi-statement callback learns which statement failed.
 */
export function watchEvents(command: unknown, ops: Ops, progress: Progress, settles: boolean, scope: AsyncResource | undefined): void {
  const cmd = command as MysqlCommandLike
  if (cmd === null || typeof cmd !== 'object' || typeof cmd.emit !== 'function') {
    if (settles) settle(ops, undefined, undefined, undefined)
    return
  }
  const n = countOf(ops)
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
      else opAt(ops, at).addRows(1)
    } else if (event === 'end' || event === 'error') {
      const failed = event === 'error' ? Math.min(progress.index + 1, n - 1) : -1
      for (let i = 0; i < n; i++) {
        if (i === failed) opAt(ops, i).fail(0, share)
        else opAt(ops, i).end(0, affected[i] as number, share)
      }
    }
  }
  const emit = cmd.emit as (...args: unknown[]) => boolean
  cmd.emit = function (this: unknown, ...args: unknown[]) {
    safely('mysql2 command event', observe, args[0], args[1])
    return scope === undefined ? emit.apply(this, args) : scope.runInAsyncScope(emit, this, ...args)
  } as MysqlCommandLike['emit']
}

/** A call the driver rejected before sending (it threw): its operations fail, the error is rethrown. */
export function failThrown(ops: Ops, error: unknown): void {
  safely('mysql2 settle', settle, ops, error, undefined, undefined)
}
