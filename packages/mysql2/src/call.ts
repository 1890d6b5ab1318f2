import type { AsyncResource } from 'node:async_hooks'
import { failThrown, type Progress, watchEvents, wrapCallback } from './command.js'
import type { Ops } from './operations.js'
import type { MysqlCallback } from './types.js'

/** A mysql2 method as this package calls it. */
export type Method = (this: unknown, ...args: unknown[]) => unknown

/**
 * Calls a mysql2 `query`/`execute` (or a statement's `execute`) whose operations have
 * begun. The callback, wherever mysql2 takes it (the first function argument), is
 * replaced by one that ends them and runs it in `scope`; with no callback the
 * command's events end them. A throw from mysql2 fails them and is rethrown as is.
 */
export function callTracked(
  original: Method,
  self: unknown,
  args: IArguments,
  ops: Ops,
  a0: unknown,
  a1: unknown,
  a2: unknown,
  scope: AsyncResource | undefined,
): unknown {
  const at = typeof a0 === 'function' ? 0 : typeof a1 === 'function' ? 1 : typeof a2 === 'function' ? 2 : -1
  const multi = Array.isArray(ops)
  const progress: Progress | undefined = multi || at < 0 ? { index: -1 } : undefined
  let command: unknown
  try {
    if (at === 0) command = original.call(self, wrapCallback(ops, a0 as MysqlCallback, multi ? progress : undefined, scope))
    else if (at === 1) command = original.call(self, a0, wrapCallback(ops, a1 as MysqlCallback, multi ? progress : undefined, scope))
    else if (at === 2) command = original.call(self, a0, a1, wrapCallback(ops, a2 as MysqlCallback, multi ? progress : undefined, scope))
    else command = original.apply(self, args as unknown as unknown[])
  } catch (error) {
    failThrown(ops, error)
    throw error
  }
  // mysql2 emits nothing on a command before it returns: packets arrive later.
  if (progress !== undefined) watchEvents(command, ops, progress, at < 0, scope)
  return command
}
