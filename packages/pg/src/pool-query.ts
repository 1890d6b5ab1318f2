import type { AsyncResource } from 'node:async_hooks'
import { type CostContext, callbackBinding, callbackScope } from '@querycost/core/driver'

type PoolQuery = (this: unknown, ...args: unknown[]) => unknown

// pg-pool's own `pool.query` checks a client out through `this.connect(cb)` and runs
// `client.query(text, values, cb)` from that callback, both synchronously. These two
// slots let one scope, made when the user calls `pool.query`, serve both: the connect
// wrapper takes it instead of making its own, and the client's query wrapper skips
// binding pg-pool's inner callback, which already runs in it. One AsyncResource per
// pooled query instead of three.
//
// The promise form needs no scope at all: the caller's code continues from the promise,
// in its own context whatever pg-pool does inside, so only the query pg-pool sends must
// land in the caller's request. The connect wrapper captures the context anyway (for
// the wait); it hands it to that query directly (`beginOperationIn`), with no
// AsyncResource to keep while the call waits in the pool's queue.
let pendingScope: AsyncResource | undefined
let pendingDirect = false
let internalCallback = false
let direct = false
let directContext: CostContext | undefined
let directAt = 0

/** The scope of the `pool.query` now calling `connect`, once. */
export function takePoolQueryScope(): AsyncResource | undefined {
  const scope = pendingScope
  pendingScope = undefined
  return scope
}

/** Whether the `pool.query` now calling `connect` is a promise-form one, which made no scope; once. */
export function takePoolQueryDirect(): boolean {
  const d = pendingDirect
  pendingDirect = false
  return d
}

/**
 * Whether the query being sent now is a promise-form `pool.query`'s; once. When it is,
 * {@link directContextOf} gives its caller's context.
 */
export function takeDirect(): boolean {
  const d = direct
  direct = false
  return d
}

/** The caller's context of the query {@link takeDirect} just said is a promise-form `pool.query`'s. */
export function directContextOf(): CostContext | undefined {
  return directContext
}

/** When that query's wait for a client ended: it begins then (one clock read for both). */
export function directAtOf(): number {
  return directAt
}

/** Whether the callback `client.query` is given now is pg-pool's own, already scoped; once. */
export function takeInternalCallback(): boolean {
  const internal = internalCallback
  internalCallback = false
  return internal
}

/** pg-pool's own connect callback, as `pool.query` passes it. */
export type PoolCallback = (error: unknown, client: unknown, release: unknown) => unknown

function runFlagged(callback: PoolCallback, error: unknown, client: unknown, release: unknown): unknown {
  internalCallback = true
  try {
    return callback(error, client, release)
  } finally {
    internalCallback = false
  }
}

/** Runs pg-pool's connect callback in `scope`, flagging the query it makes as internal. No closure per call. */
export function runPoolCallback(scope: AsyncResource, callback: PoolCallback, error: unknown, client: unknown, release: unknown): unknown {
  return scope.runInAsyncScope(runFlagged, null, callback, error, client, release)
}

/**
 * Runs pg-pool's connect callback for a promise-form `pool.query` (no scope): the query
 * it sends begins in `context`, at `at` (when its wait ended), and its callback,
 * pg-pool's own, is not bound.
 */
export function runPoolCallbackDirect(
  context: CostContext | undefined,
  at: number,
  callback: PoolCallback,
  error: unknown,
  client: unknown,
  release: unknown,
): unknown {
  direct = true
  directContext = context
  directAt = at
  internalCallback = true
  try {
    return callback(error, client, release)
  } finally {
    direct = false
    directContext = undefined
    internalCallback = false
  }
}

function scoped(scope: AsyncResource, callback: (...args: unknown[]) => unknown): (...args: unknown[]) => unknown {
  return function (this: unknown, ...args: unknown[]) {
    internalCallback = false // the user's code runs here: its own queries bind as usual
    return scope.runInAsyncScope(callback, this, ...args)
  }
}

/** Wraps `pool.query` so the connect and query it makes share its caller's scope. */
export function wrapPoolQuery(original: PoolQuery): PoolQuery {
  return function query(this: unknown, text: unknown, values?: unknown, callback?: unknown): unknown {
    if (typeof values !== 'function' && typeof callback !== 'function' && callbackBinding()) {
      pendingDirect = true
      try {
        return original.apply(this, arguments as unknown as unknown[])
      } finally {
        pendingDirect = false
      }
    }
    const scope = callbackScope('querycost.pg.pool')
    if (scope === undefined) return original.apply(this, arguments as unknown as unknown[])
    if (typeof values === 'function') values = scoped(scope, values as (...args: unknown[]) => unknown)
    else if (typeof callback === 'function') callback = scoped(scope, callback as (...args: unknown[]) => unknown)
    pendingScope = scope
    try {
      return original.call(this, text, values, callback)
    } finally {
      pendingScope = undefined
    }
  }
}
