import { activeContext, isInstrumented, isWaiterCallback, type Method, markInstrumented, PoolRelay, safely } from '@querycost/core/driver'
import { instrumentConnection } from './connection.js'
import { takePromised, wrapPromiseFactory } from './native-promise.js'
import type { MysqlConnectionLike, MysqlPoolLike } from './types.js'

// mysql2's pool keeps its methods (`getConnection`, `releaseConnection`, `query`,
// `execute`) on its prototype, and its own test suite checks that an instance has none
// of its own. So querycost leaves them alone and watches the pool's two internal queues
// instead, own objects of each pool: every connection the pool creates passes through
// `_allConnections.push` (instrumented there, before its first checkout), and every
// checkout that must wait passes its callback through `_connectionQueue.push`; a
// checkout the full pool refuses is seen where mysql2 decides it (`watchRefusals`).

/** The part of mysql2's internal queue (`Denque` before 3.x, `RingQueue` since) used here. */
interface QueueLike {
  push(item: unknown): unknown
  readonly length: number
  get?(index: number): unknown
  toArray?(): unknown[]
}

/** A pool's internals, as every mysql2 3.x pool has them. */
interface PoolInternals {
  _allConnections?: QueueLike
  _connectionQueue?: QueueLike
}

/** Puts `through` in front of a queue's `push`: on that queue object only, not enumerable. */
function interceptPush(queue: QueueLike, through: (item: unknown) => unknown): void {
  const push = queue.push
  Object.defineProperty(queue, 'push', {
    value: function (this: QueueLike, item: unknown) {
      return push.call(this, through(item))
    },
    configurable: true,
    writable: true,
    enumerable: false,
  })
}

/**
 * A new pooled connection: instrumented with the pool's relay; its one `connect` (the
 * pool's, right after creating it) counts a failure in the caller's context, unless the
 * checkout it serves is a waiting one, which counts it itself.
 */
function newConnection(relay: PoolRelay, connection: unknown): unknown {
  if (connection === null || typeof connection !== 'object') return connection
  const c = connection as MysqlConnectionLike & { connect?: Method }
  safely('mysql2 pool connection', instrumentConnection, c, relay)
  const connect = c.connect
  if (typeof connect === 'function') {
    c.connect = function (this: unknown, callback?: unknown): unknown {
      const context = activeContext()
      if (typeof callback !== 'function' || context === undefined) return connect.apply(this, arguments as unknown as unknown[])
      return connect.call(this, function (this: unknown, error: unknown) {
        if (error) relay.connectFailed(context, error)
        return (callback as Method).apply(this, arguments as unknown as unknown[])
      })
    }
  }
  return connection
}

/**
 * A checkout that waits in the pool's queue: its wait starts now and becomes the
 * caller's `poolWaitMs`; its callback (the caller's, or that of the pool's own
 * `query`/`execute`) runs in the caller's context when another request releases a
 * connection, and what it sends borrows that context. The promise API's own callback
 * only settles its promise: no scope. A waiter mysql2 queues again (a removed
 * connection sends it back through `getConnection`) keeps its wait.
 */
function queued(relay: PoolRelay, callback: unknown): unknown {
  if (typeof callback !== 'function' || isWaiterCallback(callback)) return callback
  return relay.checkout(callback as Method, !takePromised(), true)
}

/** A pool's configuration, as mysql2's `PoolConfig` has it. */
interface PoolConfigLike {
  waitForConnections?: unknown
  queueLimit?: unknown
}

/**
 * Sees the checkouts a full pool refuses without queuing them ("No connections
 * available." with `waitForConnections: false`, "Queue limit reached." at `queueLimit`):
 * mysql2 reads `config.waitForConnections` once per checkout that finds every
 * connection busy, and nowhere else, then either refuses it (the caller gets the error)
 * or queues it (through `_connectionQueue.push`, counted by the relay). The property
 * becomes an accessor on that one config object, with the same value, enumerability and
 * writability; the outcome is decided as mysql2 decides it, on the same state. (Code of
 * the application that read the property inside a request while the pool was full would
 * count one refusal too.)
 *
 * Only a pool configured to refuse (`waitForConnections: false`, or a `queueLimit`) is
 * watched: turning a data property into an accessor moves V8's object to dictionary
 * mode, and every checkout's reads of `this.config` then go through the generic
 * property lookup (about 470 instructions per query, mysql2 in process, Node 20). A
 * pool that queues every checkout (mysql2's default) never refuses one, and its config
 * stays as it was. A pool made to refuse only later, by writing its config after
 * `instrument()`, has its refusals uncounted (docs/driver-packages.md).
 */
function watchRefusals(pool: { config?: unknown }, waiting: QueueLike, relay: PoolRelay): void {
  const config = pool.config as PoolConfigLike | undefined
  if (config === null || typeof config !== 'object') return
  const descriptor = Object.getOwnPropertyDescriptor(config, 'waitForConnections')
  if (descriptor === undefined || !('value' in descriptor) || !descriptor.writable || !descriptor.configurable) return
  if (descriptor.value && !config.queueLimit) return
  let wait = descriptor.value
  Object.defineProperty(config, 'waitForConnections', {
    get() {
      const limit = config.queueLimit as number
      if (!wait || (limit && waiting.length >= limit)) relay.checkoutRefused()
      return wait
    },
    set(value: unknown) {
      wait = value
    },
    enumerable: descriptor.enumerable,
    configurable: true,
  })
}

function each(queue: QueueLike, fn: (item: unknown) => void): void {
  if (typeof queue.toArray === 'function') for (const item of queue.toArray()) fn(item)
  else if (typeof queue.get === 'function') for (let i = 0; i < queue.length; i++) fn(queue.get(i))
}

/**
 * Instruments a callback-API pool in place, leaving its own properties as they were
 * (see above); twice is a no-op. Connections the pool made before are instrumented now.
 */
export function instrumentPool<P extends MysqlPoolLike>(pool: P): P {
  if (isInstrumented(pool)) return pool
  const internals = pool as unknown as PoolInternals
  const all = internals._allConnections
  const waiting = internals._connectionQueue
  if (all === undefined || typeof all.push !== 'function' || waiting === undefined || typeof waiting.push !== 'function') {
    throw new TypeError('@querycost/mysql2: this pool has no _allConnections/_connectionQueue queues; use mysql2 >= 3.0')
  }
  const relay: PoolRelay = new PoolRelay('mysql', (connection) => instrumentConnection(connection as MysqlConnectionLike, relay))
  each(all, (connection) => newConnection(relay, connection))
  interceptPush(all, (connection) => newConnection(relay, connection))
  interceptPush(waiting, (callback) => queued(relay, callback))
  watchRefusals(pool as { config?: unknown }, waiting, relay)
  wrapPromiseFactory(pool)
  markInstrumented(pool)
  return pool
}
