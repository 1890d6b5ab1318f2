import type { AsyncResource } from 'node:async_hooks'
import { performance } from 'node:perf_hooks'
import {
  activeContext,
  type CostContext,
  callbackScope,
  isInstrumented,
  markInstrumented,
  reportInternalError,
  waiterCallback,
} from '@querycost/core/driver'
import type { Method } from './call.js'
import { callIn } from './command.js'
import { instrumentConnection } from './connection.js'
import { takePromised, wrapPromiseFactory } from './promise.js'
import { lendContext, lendScope, offerPoolDirect, offerPoolScope, takePoolDirect, takePoolScope } from './scope.js'
import type { MysqlConnectionLike, MysqlPoolLike } from './types.js'

/** A connection (or checkout error) reached the caller, in `context`: instrument it, end the wait; when it ended. */
function received(context: CostContext | undefined, error: unknown, connection: unknown): number {
  const now = performance.now()
  try {
    if (!error && connection !== null && typeof connection === 'object') instrumentConnection(connection as MysqlConnectionLike)
    context?.endPoolWait(now)
  } catch (internal) {
    reportInternalError('mysql2 pool getConnection', internal)
  }
  return now
}

/**
 * Runs in the caller's scope when the pool hands a connection over (`(err)` or
 * `(null, connection)`, `n` arguments): the connection is instrumented before the
 * caller sees it and the wait becomes `poolWaitMs`. With `lend` (the pool's own
 * `query`/`execute`), the statement the callback sends reuses that scope.
 */
function handOver(
  this: unknown,
  user: Method,
  context: CostContext | undefined,
  lend: AsyncResource | undefined,
  n: number,
  error: unknown,
  connection: unknown,
): unknown {
  const at = received(context, error, connection)
  return lend === undefined
    ? callIn(undefined, user, this, n, error, connection, undefined)
    : lendScope(lend, at, user, this, n, error, connection)
}

/**
 * The same for a promise-API caller, in no scope: the wait counts in `context`, the
 * caller's, and with `lend` (a promise pool's `query`/`execute`) so does the statement
 * the callback sends.
 */
function handOverDirect(
  this: unknown,
  user: Method,
  context: CostContext | undefined,
  lend: boolean,
  n: number,
  error: unknown,
  connection: unknown,
): unknown {
  const at = received(context, error, connection)
  return lend ? lendContext(context, at, user, this, n, error, connection) : callIn(undefined, user, this, n, error, connection, undefined)
}

/** A callback-API checkout, run in `scope`, its own (none when rebinding is switched off). */
function handOverScoped(
  this: unknown,
  user: Method,
  context: CostContext | undefined,
  scope: AsyncResource | undefined,
  n: number,
  error: unknown,
  connection: unknown,
): unknown {
  return scope === undefined
    ? handOver.call(this, user, context, undefined, n, error, connection)
    : scope.runInAsyncScope(handOver, this, user, context, undefined, n, error, connection)
}

/** The pool's own `query`/`execute` checkout, run in the scope it made, which the statement it sends reuses. */
function handOverLent(
  this: unknown,
  user: Method,
  context: CostContext | undefined,
  scope: AsyncResource,
  n: number,
  error: unknown,
  connection: unknown,
): unknown {
  return scope.runInAsyncScope(handOver, this, user, context, scope, n, error, connection)
}

/**
 * Wraps a pool's `getConnection`. The callback a busy pool runs when another request
 * releases a connection runs in the caller's context (`pool.query`, `pool.execute` and
 * the promise pool all go through `this.getConnection`, so their statements land in the
 * right request); the wait becomes `poolWaitMs`; each connection is instrumented before
 * the caller sees it. One scope per call (the scope of the pool's `query`/`execute` when
 * it is the caller; none for the promise API, whose caller's context is carried instead).
 */
export function wrapGetConnection(original: Method): Method {
  return function getConnection(this: unknown, callback?: unknown): unknown {
    const pooled = takePoolScope()
    const direct = takePoolDirect()
    const promised = takePromised()
    if (typeof callback !== 'function') return original.apply(this, arguments as unknown as unknown[])
    // Taken now: the callback runs in the request that released a connection.
    const context = activeContext()
    context?.beginPoolWait(performance.now())
    // It waits with a recycled callback (core's `waiterCallback`): nothing made per checkout
    // for every young-generation collection to copy until its turn.
    const waiting =
      direct || promised
        ? waiterCallback(handOverDirect, callback as Method, context, direct)
        : pooled !== undefined
          ? waiterCallback(handOverLent, callback as Method, context, pooled)
          : waiterCallback(handOverScoped, callback as Method, context, callbackScope('querycost'))
    try {
      return original.call(this, waiting)
    } catch (error) {
      // Thrown before the callback was queued (a connection it could not create): no wait.
      context?.endPoolWait(performance.now())
      throw error
    }
  }
}

/**
 * Wraps a pool's `query` or `execute`: one scope, made now, serves the whole call (the
 * getConnection callback, the statement's callback or events), instead of one each; a
 * promise pool's call makes none, and its caller's context travels with it instead.
 */
export function wrapPoolCall(original: Method): Method {
  return function query(this: unknown): unknown {
    if (takePromised()) {
      offerPoolDirect(true)
      try {
        return original.apply(this, arguments as unknown as unknown[])
      } finally {
        offerPoolDirect(false)
      }
    }
    const scope = callbackScope('querycost')
    if (scope === undefined) return original.apply(this, arguments as unknown as unknown[])
    offerPoolScope(scope)
    try {
      return original.apply(this, arguments as unknown as unknown[])
    } finally {
      offerPoolScope(undefined)
    }
  }
}

/**
 * Wraps a pool's `releaseConnection`. A connection removed from the pool (destroyed,
 * or closed by an error) sends the first waiting callback, this package's already, back
 * through `this.getConnection.bind(this, callback)`: the bind must meet mysql2's own
 * `getConnection`, or the callback would be wrapped again and its wait counted a second
 * time, in the releasing request. (A marker on every callback would cost ~2,000
 * instructions and 40 B per checkout; this costs a property read per release.) With
 * `resetOnRelease`, a failed reset re-queues from its own callback, after this returns:
 * that rare waiter's wait from then on also counts in the request that released.
 */
function wrapReleaseConnection(original: Method, unwrapped: Method, wrapped: Method): Method {
  return function releaseConnection(this: unknown, connection?: unknown): unknown {
    if (connection === null || typeof connection !== 'object' || (connection as { _pool?: unknown })._pool) {
      return original.apply(this, arguments as unknown as unknown[])
    }
    const pool = this as MysqlPoolLike
    pool.getConnection = unwrapped
    try {
      return original.apply(this, arguments as unknown as unknown[])
    } finally {
      pool.getConnection = wrapped
    }
  }
}

/** Instruments a callback-API pool in place (see {@link wrapGetConnection}); twice is a no-op. */
export function instrumentPool<P extends MysqlPoolLike>(pool: P): P {
  if (isInstrumented(pool)) return pool
  const getConnection = pool.getConnection as Method
  const wrapped = wrapGetConnection(getConnection)
  pool.getConnection = wrapped as P['getConnection']
  pool.releaseConnection = wrapReleaseConnection(pool.releaseConnection as Method, getConnection, wrapped) as P['releaseConnection']
  pool.query = wrapPoolCall(pool.query as Method) as P['query']
  if (typeof pool.execute === 'function') {
    const execute = wrapPoolCall(pool.execute as Method)
    Object.defineProperty(execute, 'name', { value: 'execute' })
    pool.execute = execute as P['execute']
  }
  wrapPromiseFactory(pool)
  markInstrumented(pool)
  return pool
}
