import { beginStatements, bindCallback, callbackScope, isInstrumented, type Method, markInstrumented, safely } from '@querycost/core/driver'
import type { MysqlCallback, MysqlStatementLike } from './internal-types.js'
import { takePromised } from './native-promise.js'
import { callTracked, MYSQL } from './operation.js'

/**
 * Instruments a prepared statement from `connection.prepare` in place: each
 * `statement.execute()` is one operation (mysql2 sends it straight to the connection,
 * past `connection.execute`). mysql2 caches statements per connection, so a statement
 * is wrapped once however often it is prepared.
 */
export function instrumentStatement(statement: MysqlStatementLike): void {
  if (isInstrumented(statement)) return
  const original = statement.execute as Method
  statement.execute = function execute(this: unknown, parameters?: unknown, callback?: unknown): unknown {
    const promised = takePromised()
    const text = (this as MysqlStatementLike).query
    const ops = safely('mysql2 statement begin', beginStatements, MYSQL, typeof text === 'string' ? text : '')
    if (ops === undefined) return original.apply(this, arguments as unknown as unknown[])
    return callTracked(original, this, arguments, ops, parameters, callback, undefined, promised ? undefined : callbackScope('querycost'))
  }
  markInstrumented(statement)
}

/**
 * Wraps a connection's `prepare`: preparing is not an operation, but the statement it
 * hands out is instrumented, and the callback runs in the caller's context (the promise
 * API's own callback, which only settles its promise, is not bound).
 */
export function wrapPrepare(original: Method): Method {
  return function prepare(this: unknown, options?: unknown, callback?: unknown): unknown {
    const promised = takePromised()
    if (typeof callback !== 'function') return original.apply(this, arguments as unknown as unknown[])
    const user = callback as MysqlCallback
    const instrumenting = function (this: unknown, error: Error | null, statement?: unknown) {
      if (!error && statement !== null && typeof statement === 'object') {
        safely('mysql2 prepare', instrumentStatement, statement as MysqlStatementLike)
      }
      return user.apply(this, arguments as unknown as [Error | null, ...unknown[]])
    }
    return original.call(this, options, promised ? instrumenting : bindCallback(instrumenting))
  }
}
