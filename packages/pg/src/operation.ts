import {
  beginSent,
  bindCallback,
  Loan,
  type Method,
  type Ops,
  type PoolRelay,
  type SqlSystem,
  safely,
  settleStatements,
} from '@querycost/core/driver'
import type { PgCallback, PgSubmittableLike } from './internal-types.js'
import { PG_RESULT } from './result.js'
import { querySubmittable } from './submittable.js'

/** What the driver kit knows of pg: its report system and SQL dialect. */
export const PG: SqlSystem = Object.freeze({ system: 'pg', dialect: 'pg' })

/** Ends the statements of one call with pg's result: a multi-statement text gives an array of results. */
function settle(ops: Ops, error: unknown, result: unknown): void {
  settleStatements(ops, error, result, Array.isArray(result), PG_RESULT)
}

function textOf(config: unknown): string | undefined {
  if (typeof config === 'string') return config
  const text = (config as { text?: unknown }).text
  return typeof text === 'string' ? text : undefined
}

/**
 * The callback pg calls: settles `ops`, then hands over to `then`. Made here, so that its
 * closure holds these two and nothing of the call that made it.
 */
function settling(ops: Ops, then: PgCallback): PgCallback {
  return (error, result) => {
    safely('pg query settle', settle, ops, error, result)
    return then(error, result)
  }
}

/** The promise pg returned, followed: the caller gets pg's result or error, after `ops` settle. */
function following(ops: Ops, promise: unknown): unknown {
  if (promise === null || typeof (promise as PromiseLike<unknown>)?.then !== 'function') return promise
  return (promise as Promise<unknown>).then(
    (result) => {
      safely('pg query settle', settle, ops, undefined, result)
      return result
    },
    (error) => {
      safely('pg query settle', settle, ops, error, undefined)
      throw error
    },
  )
}

/**
 * Wraps a pg `query` method (a `Client`'s; `relay` is its pool's, when it has one):
 * every form (text, config object, values, callback, promise, Submittable) begins one
 * operation per statement and ends it exactly once. pg gets the caller's arguments: a
 * callback only where the caller gave one (bound to the caller's context; pg up to
 * 8.23.0 writes a callback onto the caller's config object), and a callback that is not
 * a function as it is, so pg throws its own TypeError.
 */
export function wrapQuery(original: Method, relay: PoolRelay | undefined): Method {
  return function query(this: unknown, config: unknown, values?: unknown, callback?: unknown): unknown {
    const loan = relay === undefined ? Loan.None : relay.borrow()
    if (config === null || (typeof config !== 'string' && typeof config !== 'object')) {
      return original.apply(this, arguments as unknown as unknown[]) // pg throws its own error
    }
    if (typeof (config as PgSubmittableLike).submit === 'function') {
      return querySubmittable(original, this, config as PgSubmittableLike, values, callback)
    }
    const text = textOf(config)
    // No text, or a callback pg will reject: pg's own behaviour, nothing sent.
    if (text === undefined || (callback && typeof callback !== 'function')) return original.apply(this, arguments as unknown as unknown[])
    const ops = safely('pg query begin', beginSent, PG, relay, loan, text)
    if (ops === undefined) return original.apply(this, arguments as unknown as unknown[])
    try {
      return send(original, this, arguments, ops, loan !== Loan.None, config, values, callback)
    } catch (error) {
      // pg threw before sending: the statements fail, the error reaches the caller as is.
      safely('pg query settle', settle, ops, error, undefined)
      throw error
    }
  }
}

/** Sends one call to pg with the caller's arguments, each branch making one closure (the callback pg calls). */
function send(
  original: Method,
  self: unknown,
  args: IArguments,
  ops: Ops,
  lent: boolean,
  config: unknown,
  values: unknown,
  callback: unknown,
): unknown {
  // A pool's own callback (lent) already runs where its caller's does: not bound again.
  if (typeof values === 'function') {
    const then = lent ? (values as PgCallback) : bindCallback(values as PgCallback)
    return original.call(self, config, settling(ops, then))
  }
  if (typeof callback === 'function') {
    const then = lent ? (callback as PgCallback) : bindCallback(callback as PgCallback)
    return original.call(self, config, values, settling(ops, then))
  }
  const configCallback = typeof config === 'object' ? (config as { callback?: unknown }).callback : undefined
  if (typeof configCallback === 'function') {
    const copy = { ...(config as object), callback: settling(ops, bindCallback(configCallback as PgCallback)) }
    return args.length > 1 ? original.call(self, copy, values) : original.call(self, copy)
  }
  return following(ops, original.apply(self, args as unknown as unknown[]))
}
