import { beginOperation, bindCallback, callbackScope, type Method, safely, statementTargets } from '@querycost/core/driver'
import type { PgCallback, PgSubmittableLike } from './internal-types.js'
import { PG } from './operation.js'
import { affectedOfTag } from './result.js'

const TRACKED = Symbol.for('querycost.pg.submittable')

// The messages pg hands a submittable; each runs in the caller's context so that rows,
// events and callbacks a cursor or stream emits reach the request that made it.
const HANDLERS = [
  'handleRowDescription',
  'handleDataRow',
  'handlePortalSuspended',
  'handleCommandComplete',
  'handleReadyForQuery',
  'handleError',
  'handleEmptyQuery',
  'handleCopyInResponse',
  'handleCopyData',
] as const

/**
 * Counts a Submittable (pg.Query, pg-cursor, pg-query-stream) as one operation: rows
 * are added as each batch arrives (a cursor `read`, a stream fill), the operation ends
 * at ReadyForQuery or on error, and what was written comes from the command tag.
 */
export function trackSubmittable(sub: PgSubmittableLike): void {
  if ((sub as unknown as Record<symbol, unknown>)[TRACKED] === true) return
  Object.defineProperty(sub, TRACKED, { value: true, enumerable: false })
  const text = typeof sub.text === 'string' ? sub.text : sub.cursor?.text
  const targets = statementTargets(PG, typeof text === 'string' ? text : '')
  const op = beginOperation(targets[0] as never)
  const scope = callbackScope('querycost.pg.submittable')
  let pending = 0
  let affected = 0
  const flush = (): void => {
    if (pending > 0) {
      op.addRows(pending)
      pending = 0
    }
  }
  const hooks: Record<string, (args: unknown[]) => void> = {
    handleDataRow: () => {
      pending++
    },
    handlePortalSuspended: flush,
    handleCommandComplete: (args) => {
      flush()
      affected += affectedOfTag((args[0] as { text?: unknown } | undefined)?.text)
    },
    handleReadyForQuery: () => {
      flush()
      op.end(0, affected)
    },
    handleError: () => {
      flush()
      op.fail()
    },
  }
  for (const name of HANDLERS) {
    const handler = sub[name]
    if (typeof handler !== 'function') continue
    const hook = hooks[name]
    sub[name] = function (this: unknown, ...args: unknown[]) {
      if (hook !== undefined) hook(args)
      if (scope === undefined) return (handler as (...a: unknown[]) => unknown).apply(this, args)
      return scope.runInAsyncScope(handler as (...a: unknown[]) => unknown, this, ...args)
    }
  }
  if (scope !== undefined && typeof sub.callback === 'function') {
    const callback = sub.callback
    sub.callback = (error, result) => scope.runInAsyncScope(callback, undefined, error, result)
  }
}

/** A Submittable handed to `client.query`: tracked, then passed on with its callbacks bound. */
export function querySubmittable(
  original: Method,
  self: unknown,
  submittable: PgSubmittableLike,
  values: unknown,
  callback: unknown,
): unknown {
  safely('pg submittable', trackSubmittable, submittable)
  const args: unknown[] = [submittable]
  if (values !== undefined || callback !== undefined) {
    args.push(typeof values === 'function' ? bindCallback(values as PgCallback) : values)
    if (callback !== undefined) args.push(typeof callback === 'function' ? bindCallback(callback as PgCallback) : callback)
  }
  return original.apply(self, args)
}
