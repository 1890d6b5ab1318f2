import type { AsyncResource } from 'node:async_hooks'
import { performance } from 'node:perf_hooks'
import { activeContext, callbackScope, isInstrumented, markInstrumented, reportInternalError } from '@querycost/core/driver'
import type { Method } from './call.js'
import { callIn } from './command.js'
import { instrumentConnection } from './connection.js'
import { lendScope, offerPoolScope, takePoolScope } from './scope.js'
import type { MysqlConnectionLike, MysqlPoolLike } from './types.js'

// Marks a callback this package already handed to a pool: mysql2 re-queues it through
// `this.getConnection` when a released connection was removed from the pool, and it
// must not be bound (or its wait counted) a second time, in the releasing request.
// A plain property: `Object.defineProperty` on every call costs far more.
const HANDED = Symbol.for('querycost.mysql2.handed')

/**
 * Runs in the caller's scope when the pool hands a connection over (`(err)` or
 * `(null, connection)`, `n` arguments): the connection is instrumented before the
 * caller sees it and the wait becomes `poolWaitMs`. With `lend` (the pool's own
 * `query`/`execute`), the statement the callback sends reuses that scope.
 */
function handOver(
  this: unknown,
  user: Method,
  started: number,
  lend: AsyncResource | undefined,
  n: number,
  error: unknown,
  connection: unknown,
): unknown {
  try {
    if (!error && connection !== null && typeof connection === 'object') instrumentConnection(connection as MysqlConnectionLike)
    activeContext()?.addPoolWait(performance.now() - started)
  } catch (internal) {
    reportInternalError('mysql2 pool getConnection', internal)
  }
  return lend === undefined
    ? callIn(undefined, user, this, n, error, connection, undefined)
    : lendScope(lend, user, this, n, error, connection)
}

/**
 * Wraps a pool's `getConnection`. The callback a busy pool runs when another request
 * releases a connection runs in the caller's context (`pool.query`, `pool.execute` and
 * the promise pool all go through `this.getConnection`, so their statements land in the
 * right request); the wait becomes `poolWaitMs`; each connection is instrumented before
 * the caller sees it. One closure and one scope per call (the scope of the pool's
 * `query`/`execute` when it is the caller): the closure waits in the pool's queue, and
 * whatever waits there is copied by every young-generation collection until its turn.
 */
export function wrapGetConnection(original: Method): Method {
  return function getConnection(this: unknown, callback?: unknown): unknown {
    const pooled = takePoolScope()
    if (typeof callback !== 'function' || (callback as unknown as Record<symbol, unknown>)[HANDED] === true) {
      return original.apply(this, arguments as unknown as unknown[])
    }
    const user = callback as Method
    const started = performance.now()
    const scope = pooled ?? callbackScope('querycost')
    const handed = function (this: unknown, error?: unknown, connection?: unknown): unknown {
      const n = arguments.length
      return scope === undefined
        ? handOver.call(this, user, started, undefined, n, error, connection)
        : scope.runInAsyncScope(handOver, this, user, started, pooled, n, error, connection)
    }
    ;(handed as unknown as Record<symbol, unknown>)[HANDED] = true
    return original.call(this, handed)
  }
}

/**
 * Wraps a pool's `query` or `execute`: one scope, made now, serves the whole call (the
 * getConnection callback, the statement's callback or events), instead of one each.
 */
export function wrapPoolCall(original: Method): Method {
  return function query(this: unknown): unknown {
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

/** Instruments a callback-API pool in place (see {@link wrapGetConnection}); twice is a no-op. */
export function instrumentPool<P extends MysqlPoolLike>(pool: P): P {
  if (isInstrumented(pool)) return pool
  pool.getConnection = wrapGetConnection(pool.getConnection as Method) as P['getConnection']
  pool.query = wrapPoolCall(pool.query as Method) as P['query']
  if (typeof pool.execute === 'function') {
    const execute = wrapPoolCall(pool.execute as Method)
    Object.defineProperty(execute, 'name', { value: 'execute' })
    pool.execute = execute as P['execute']
  }
  markInstrumented(pool)
  return pool
}
