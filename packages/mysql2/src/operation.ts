import type { AsyncResource } from 'node:async_hooks'
import { beginSent, callbackScope, Loan, type Method, type Ops, type PoolRelay, type SqlSystem, safely } from '@querycost/core/driver'
import { failThrown, type Progress, watchEvents, wrapCallback } from './command.js'
import type { MysqlCallback, MysqlCommandLike } from './internal-types.js'
import { takePromised } from './native-promise.js'
import { statementText } from './text.js'
import type { MysqlConnectionLike } from './types.js'

/** What the driver kit knows of mysql2: its report system and SQL dialect. */
export const MYSQL: SqlSystem = Object.freeze({ system: 'mysql', dialect: 'mysql' })

function isCommand(sql: object): sql is MysqlCommandLike {
  return typeof (sql as MysqlCommandLike).emit === 'function' && 'onResult' in sql
}

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

function queryCommand(original: Method, self: unknown, command: MysqlCommandLike, ops: Ops, scope: AsyncResource | undefined): unknown {
  const callback = command.onResult
  if (typeof callback === 'function') {
    const progress: Progress | undefined = Array.isArray(ops) ? { index: -1 } : undefined
    command.onResult = wrapCallback(ops, callback, progress, scope)
    if (progress !== undefined) watchEvents(command, ops, progress, false, scope)
  } else {
    watchEvents(command, ops, { index: -1 }, true, scope)
  }
  try {
    return original.call(self, command)
  } catch (error) {
    failThrown(ops, error)
    throw error
  }
}

/**
 * Wraps a connection's `query` (`asCommand`: a ready-made `Query` a pool or pool
 * cluster passes is accepted) or `execute` (prepared statements: one operation per
 * execution, the prepare step mysql2 adds is none). Every form (text, `{ sql, values }`,
 * values, callback, no callback with `'result'` events or `.stream()`) begins one
 * operation per statement and ends each exactly once. `relay` is the pool's, for a
 * connection a pool hands out. What mysql2 cannot take (no text, or an argument that
 * throws when read) passes through untouched, for mysql2 to reject.
 */
export function wrapStatementMethod(original: Method, relay: PoolRelay | undefined, asCommand: boolean): Method {
  return function query(this: unknown, sql?: unknown, values?: unknown, callback?: unknown): unknown {
    const loan = relay === undefined ? Loan.None : relay.borrow()
    const promised = takePromised()
    const text = statementText(this as MysqlConnectionLike, sql, values)
    if (text === undefined) return original.apply(this, arguments as unknown as unknown[])
    const ops = safely('mysql2 begin', beginSent, MYSQL, relay, loan, text)
    if (ops === undefined) return original.apply(this, arguments as unknown as unknown[])
    const scope = loan === Loan.Direct || promised ? undefined : loan === Loan.Scoped ? relay?.scope : callbackScope('querycost')
    if (asCommand && isCommand(sql as object)) return queryCommand(original, this, sql as MysqlCommandLike, ops, scope)
    return callTracked(original, this, arguments, ops, sql, values, callback, scope)
  }
}
