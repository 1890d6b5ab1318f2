import type { AsyncResource } from 'node:async_hooks'
import { activeContext, callbackScope, reportInternalError } from '@querycost/core/driver'
import { callTracked, type Method } from './call.js'
import { failThrown, type Progress, watchEvents, wrapCallback } from './command.js'
import { beginStatements, type Ops } from './operations.js'
import { takePromised } from './promise.js'
import { borrowDirect, borrowedAt, borrowedContext, borrowScope } from './scope.js'
import { statementText } from './text.js'
import type { MysqlCommandLike, MysqlConnectionLike } from './types.js'

function isCommand(sql: object): sql is MysqlCommandLike {
  return typeof (sql as MysqlCommandLike).emit === 'function' && 'onResult' in sql
}

/**
 * Begins the statements of a call: a pool's own begin as their wait for a connection
 * ended, a promise pool's (`direct`) in its caller's context, which came with it.
 */
function begin(connection: MysqlConnectionLike, sql: unknown, values: unknown, pooled: boolean, direct: boolean): Ops | undefined {
  if (sql === null || (typeof sql !== 'string' && typeof sql !== 'object')) return undefined
  try {
    const text = statementText(connection, sql, values)
    if (text === undefined) return undefined
    if (direct) return beginStatements(text, borrowedContext(), borrowedAt())
    return pooled ? beginStatements(text, activeContext(), borrowedAt()) : beginStatements(text)
  } catch (error) {
    reportInternalError('mysql2 begin', error)
    return undefined
  }
}

/**
 * Wraps a connection's `query`: every form (text, `{ sql, values }`, values, callback,
 * no callback with `'result'` events or `.stream()`, and the ready-made `Query` a
 * pool or pool cluster passes to its connection) begins one operation per statement
 * and ends each exactly once. What mysql2 cannot take (no text) passes through untouched.
 */
export function wrapQuery(original: Method): Method {
  return function query(this: unknown, sql?: unknown, values?: unknown, callback?: unknown): unknown {
    const lent = borrowScope()
    const direct = borrowDirect()
    const promised = takePromised()
    const ops = begin(this as MysqlConnectionLike, sql, values, lent !== undefined, direct)
    if (ops === undefined) return original.apply(this, arguments as unknown as unknown[])
    const scope = direct || promised ? undefined : (lent ?? callbackScope('querycost'))
    if (isCommand(sql as object)) return queryCommand(original, this, sql as MysqlCommandLike, ops, scope)
    return callTracked(original, this, arguments, ops, sql, values, callback, scope)
  }
}

/**
 * Wraps a connection's `execute` (prepared statements; `pool.execute` reaches it on
 * the connection it checks out). Each call is one operation per execution: the
 * prepare step mysql2 adds (or skips, when the statement is cached) is not one.
 */
export function wrapExecute(original: Method): Method {
  return function execute(this: unknown, sql?: unknown, values?: unknown, callback?: unknown): unknown {
    const lent = borrowScope()
    const direct = borrowDirect()
    const promised = takePromised()
    const ops = begin(this as MysqlConnectionLike, sql, values, lent !== undefined, direct)
    if (ops === undefined) return original.apply(this, arguments as unknown as unknown[])
    const scope = direct || promised ? undefined : (lent ?? callbackScope('querycost'))
    return callTracked(original, this, arguments, ops, sql, values, callback, scope)
  }
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
