import { callbackScope, isInstrumented, type Method, markInstrumented, PoolRelay } from '@querycost/core/driver'
import { instrumentConnection } from './connection.js'
import { takePromised, wrapPromiseFactory } from './native-promise.js'
import type { MysqlConnectionLike, MysqlPoolLike } from './types.js'

/**
 * Wraps a pool's `getConnection`. The callback a busy pool runs when another request
 * releases a connection runs in the caller's context (`pool.query`, `pool.execute` and
 * the promise pool all go through `this.getConnection`: their checkout takes what the
 * shortcut offered the relay); the wait becomes `poolWaitMs`, a failed checkout an error
 * under `mysql:(connection)`; each connection is instrumented before the caller sees
 * it. The promise API's own callback only settles its promise: it needs no scope.
 */
export function wrapGetConnection(original: Method, relay: PoolRelay): Method {
  return function getConnection(this: unknown, callback?: unknown): unknown {
    const promised = takePromised()
    if (typeof callback !== 'function') return original.apply(this, arguments as unknown as unknown[])
    const waiting = relay.checkout(callback as Method, !promised)
    try {
      return original.call(this, waiting)
    } catch (error) {
      // Thrown before the callback was queued (a connection it could not create).
      relay.checkoutThrew()
      throw error
    }
  }
}

/**
 * Wraps a pool's `query` or `execute`, the shortcuts: each offers its checkout either
 * one scope, made now, which serves the whole call (the checkout's callback, the
 * statement's callback or events), or, for a promise pool's call, its caller's context
 * directly (no scope at all).
 */
export function wrapPoolCall(original: Method, relay: PoolRelay): Method {
  return function query(this: unknown): unknown {
    if (takePromised()) return relay.offer(undefined, original, this, arguments)
    const scope = callbackScope('querycost')
    if (scope === undefined) return original.apply(this, arguments as unknown as unknown[])
    return relay.offer(scope, original, this, arguments)
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
  const relay: PoolRelay = new PoolRelay('mysql', (connection) => instrumentConnection(connection as MysqlConnectionLike, relay))
  const getConnection = pool.getConnection as Method
  const wrapped = wrapGetConnection(getConnection, relay)
  pool.getConnection = wrapped as P['getConnection']
  pool.releaseConnection = wrapReleaseConnection(pool.releaseConnection as Method, getConnection, wrapped) as P['releaseConnection']
  pool.query = wrapPoolCall(pool.query as Method, relay) as P['query']
  if (typeof pool.execute === 'function') {
    const execute = wrapPoolCall(pool.execute as Method, relay)
    Object.defineProperty(execute, 'name', { value: 'execute' })
    pool.execute = execute as P['execute']
  }
  wrapPromiseFactory(pool)
  markInstrumented(pool)
  return pool
}
