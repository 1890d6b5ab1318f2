import { performance } from 'node:perf_hooks'
import { activeContext, bindCallback, isInstrumented, markInstrumented, reportInternalError } from '@querycost/core/driver'
import type { Method } from './call.js'
import { instrumentConnection } from './connection.js'
import type { MysqlConnectionLike, MysqlPoolLike } from './types.js'

// Marks a callback this package already handed to a pool: mysql2 re-queues it through
// `this.getConnection` when a released connection was removed from the pool, and it
// must not be bound (or its wait counted) a second time, in the releasing request.
const HANDED = Symbol.for('querycost.mysql2.handed')

type GetConnectionCallback = (error: Error | null, connection?: MysqlConnectionLike) => unknown

/**
 * Wraps a pool's `getConnection`. The callback a busy pool runs when another request
 * releases a connection is bound to the caller's context (`pool.query`,
 * `pool.execute` and the promise pool all go through `this.getConnection`, so their
 * statements land in the right request); the wait becomes `poolWaitMs`; each
 * connection is instrumented before the caller sees it.
 */
export function wrapGetConnection(original: Method): Method {
  return function getConnection(this: unknown, callback?: unknown): unknown {
    if (typeof callback !== 'function' || (callback as unknown as Record<symbol, unknown>)[HANDED] === true) {
      return original.apply(this, arguments as unknown as unknown[])
    }
    const user = callback as GetConnectionCallback
    const started = performance.now()
    const handed = bindCallback(function (this: unknown, error: Error | null, connection?: MysqlConnectionLike) {
      try {
        if (!error && connection !== null && typeof connection === 'object') instrumentConnection(connection)
        activeContext()?.addPoolWait(performance.now() - started)
      } catch (internal) {
        reportInternalError('mysql2 pool getConnection', internal)
      }
      return user.apply(this, arguments as unknown as [Error | null])
    })
    Object.defineProperty(handed, HANDED, { value: true })
    return original.call(this, handed)
  }
}

/** Instruments a callback-API pool in place (see {@link wrapGetConnection}); twice is a no-op. */
export function instrumentPool<P extends MysqlPoolLike>(pool: P): P {
  if (isInstrumented(pool)) return pool
  pool.getConnection = wrapGetConnection(pool.getConnection as Method) as P['getConnection']
  markInstrumented(pool)
  return pool
}
