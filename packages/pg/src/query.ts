import { performance } from 'node:perf_hooks'
import {
  activeContext,
  beginOperationIn,
  bindCallback,
  type CostContext,
  type Operation,
  type OperationTarget,
  reportInternalError,
  sqlTargets,
} from '@querycost/core/driver'
import { directAtOf, directContextOf, takeDirect, takeInternalCallback } from './pool-query.js'
import { callbackPromise } from './promise.js'
import { settle } from './settle.js'
import { trackSubmittable } from './submittable.js'
import type { PgCallback, PgSubmittableLike } from './types.js'

type Query = (this: unknown, ...args: unknown[]) => unknown

/** One operation per statement, in `context`, from `now`; a single statement (the common case) allocates no array. */
function begin(text: string, context: CostContext | undefined, now: number): Operation | Operation[] {
  const targets = sqlTargets(text, 'pg', 'pg')
  if (targets.length === 1) return beginOperationIn(context, targets[0] as OperationTarget, now)
  return targets.map((target) => beginOperationIn(context, target, now))
}

function textOf(config: unknown): string | undefined {
  if (typeof config === 'string') return config
  const text = (config as { text?: unknown }).text
  return typeof text === 'string' ? text : undefined
}

function settleSafely(ops: Operation | Operation[], error: unknown, result: unknown): void {
  try {
    settle(ops, error, result)
  } catch (internal) {
    reportInternalError('pg query settle', internal)
  }
}

/**
 * The callback pg calls: settles `ops`, then hands over to `then`. Made here, so that its
 * closure holds these two and nothing of the call that made it.
 */
function settling(ops: Operation | Operation[], then: PgCallback): PgCallback {
  return (error, result) => {
    settleSafely(ops, error, result)
    return then(error, result)
  }
}

/**
 * Wraps a pg `query` method: every form (text, config object, values, callback,
 * promise, Submittable) begins one operation per statement and ends it exactly once.
 * Arguments reach pg as given, but for callbacks bound to the caller's context.
 */
export function wrapQuery(original: Query): Query {
  return function query(this: unknown, config: unknown, values?: unknown, callback?: unknown): unknown {
    const direct = takeDirect()
    if (config === null || (typeof config !== 'string' && typeof config !== 'object')) {
      return original.apply(this, arguments as unknown as unknown[]) // pg throws its own error
    }
    if (typeof (config as PgSubmittableLike).submit === 'function') {
      return querySubmittable(original, this, config as PgSubmittableLike, values, callback)
    }
    const text = textOf(config)
    let ops: Operation | Operation[]
    try {
      if (text === undefined) return original.apply(this, arguments as unknown as unknown[])
      // A promise-form pool.query's query runs in no scope of its own: its caller's context comes with it.
      ops = direct ? begin(text, directContextOf(), directAtOf()) : begin(text, activeContext(), performance.now())
    } catch (error) {
      reportInternalError('pg query begin', error)
      return original.apply(this, arguments as unknown as unknown[])
    }
    // Each branch makes one closure: the callback pg calls, which settles, then hands over.
    if (typeof values === 'function') {
      const then = takeInternalCallback() ? (values as PgCallback) : bindCallback(values as PgCallback)
      return original.call(this, config, settling(ops, then))
    }
    if (typeof callback === 'function') {
      const then = takeInternalCallback() ? (callback as PgCallback) : bindCallback(callback as PgCallback)
      return original.call(this, config, values, settling(ops, then))
    }
    const configCallback = typeof config === 'object' ? (config as { callback?: unknown }).callback : undefined
    if (typeof configCallback === 'function') {
      const copy = { ...(config as object), callback: settling(ops, bindCallback(configCallback as PgCallback)) }
      return arguments.length > 1 ? original.call(this, copy, values) : original.call(this, copy)
    }
    const { callback: finish, promise } = callbackPromise((this as { _Promise?: PromiseConstructor })._Promise, settleSafely, ops)
    if (arguments.length > 1) original.call(this, config, values, finish)
    else original.call(this, config, finish)
    return promise
  }
}

function querySubmittable(original: Query, self: unknown, submittable: PgSubmittableLike, values: unknown, callback: unknown): unknown {
  try {
    trackSubmittable(submittable)
  } catch (error) {
    reportInternalError('pg submittable', error)
  }
  const args: unknown[] = [submittable]
  if (values !== undefined || callback !== undefined) {
    args.push(typeof values === 'function' ? bindCallback(values as PgCallback) : values)
    if (callback !== undefined) args.push(typeof callback === 'function' ? bindCallback(callback as PgCallback) : callback)
  }
  return original.apply(self, args)
}
