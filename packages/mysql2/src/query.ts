import { type Operation, reportInternalError } from '@querycost/core/driver'
import { callTracked, type Method } from './call.js'
import { failThrown, type Progress, watchEvents, wrapCallback } from './command.js'
import { beginStatements } from './operations.js'
import { statementText } from './text.js'
import type { MysqlCommandLike, MysqlConnectionLike } from './types.js'

function isCommand(sql: object): sql is MysqlCommandLike {
  return typeof (sql as MysqlCommandLike).emit === 'function' && 'onResult' in sql
}

function begin(connection: MysqlConnectionLike, sql: unknown, values: unknown): Operation[] | undefined {
  if (sql === null || (typeof sql !== 'string' && typeof sql !== 'object')) return undefined
  try {
    const text = statementText(connection, sql, values)
    return text === undefined ? undefined : beginStatements(text)
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
    const ops = begin(this as MysqlConnectionLike, sql, values)
    if (ops === undefined) return original.apply(this, arguments as unknown as unknown[])
    if (isCommand(sql as object)) return queryCommand(original, this, sql as MysqlCommandLike, ops)
    return callTracked(original, this, arguments, ops, sql, values, callback)
  }
}

/**
 * Wraps a connection's `execute` (prepared statements; `pool.execute` reaches it on
 * the connection it checks out). Each call is one operation per execution: the
 * prepare step mysql2 adds (or skips, when the statement is cached) is not one.
 */
export function wrapExecute(original: Method): Method {
  return function execute(this: unknown, sql?: unknown, values?: unknown, callback?: unknown): unknown {
    const ops = begin(this as MysqlConnectionLike, sql, values)
    if (ops === undefined) return original.apply(this, arguments as unknown as unknown[])
    return callTracked(original, this, arguments, ops, sql, values, callback)
  }
}

function queryCommand(original: Method, self: unknown, command: MysqlCommandLike, ops: Operation[]): unknown {
  const callback = command.onResult
  const progress: Progress = { index: -1 }
  if (typeof callback === 'function') {
    const multi = ops.length > 1
    command.onResult = wrapCallback(ops, callback, multi ? progress : undefined)
    if (multi) watchEvents(command, ops, progress, false)
  } else {
    watchEvents(command, ops, progress, true)
  }
  try {
    return original.call(self, command)
  } catch (error) {
    failThrown(ops, error)
    throw error
  }
}
