import { AsyncResource } from 'node:async_hooks'
import {
  beginSent,
  bindCallback,
  callbackScope,
  Loan,
  type Method,
  PoolRelay,
  type SqlSystem,
  safely,
  settleStatements,
} from '../src/driver.js'

/** The fake system: reports say `fake`, statements are lexed as PostgreSQL. */
export const FAKE: SqlSystem = Object.freeze({ system: 'fake', dialect: 'pg' })

type Callback = (error: Error | null, result?: unknown) => void
type Result = { rows: unknown[]; written: number }
const READER = { rowsOf: (r: Result) => r.rows.length, affectedOf: (r: Result) => r.written }

/** A connection of {@link FakePool}: results arrive on a shared socket, outside any request. */
export class FakeConnection {
  relay: PoolRelay | undefined
  constructor(private readonly socket: AsyncResource) {}

  /** `rows` rows per statement of `text` (`;` separated); `fail` fails the call. */
  query(text: string, callback: Callback, fail = false): void {
    const statements = text.split(';').filter((s) => s.trim() !== '')
    setImmediate(() =>
      this.socket.runInAsyncScope(() => {
        if (fail) callback(new Error('boom'))
        else if (statements.length === 1) callback(null, { rows: [1], written: 0 })
        else
          callback(
            null,
            statements.map(() => ({ rows: [1], written: 0 })),
          )
      }),
    )
  }
}

/** The driver package's side: what the kit needs to count a connection's queries. */
export function instrumentConnection(connection: FakeConnection, relay: PoolRelay | undefined): void {
  if (connection.relay !== undefined) return
  connection.relay = relay
  const original = connection.query
  connection.query = function (this: FakeConnection, text: string, callback: Callback, fail?: boolean) {
    const loan = relay === undefined ? Loan.None : relay.borrow()
    const ops = safely('fake begin', beginSent, FAKE, relay, loan, text)
    if (ops === undefined) return original.call(this, text, callback, fail)
    const then = loan === Loan.None ? bindCallback(callback) : callback
    return original.call(
      this,
      text,
      (error, result) => {
        safely('fake settle', settleStatements, ops, error, result, Array.isArray(result), READER)
        then(error, result)
      },
      fail,
    )
  }
}

/**
 * A pool as pg-pool and mysql2 shape it: `size` connections, a queue of waiting
 * callbacks run when another request releases one (on the socket: the releasing
 * request's context would leak without rebinding), and a shortcut `query` that checks
 * out through `this.connect`. `refuse` makes every checkout fail.
 */
export class FakePool {
  private readonly socket = new AsyncResource('fake-pool-socket')
  private readonly free: FakeConnection[] = []
  private readonly waiting: Method[] = []
  refuse = false

  constructor(size: number) {
    for (let i = 0; i < size; i++) this.free.push(new FakeConnection(this.socket))
  }

  connect(callback: Method): void {
    if (this.refuse) {
      setImmediate(() => this.socket.runInAsyncScope(() => callback(new Error('ECONNREFUSED'))))
      return
    }
    const connection = this.free.pop()
    if (connection === undefined) this.waiting.push(callback)
    else setImmediate(() => this.socket.runInAsyncScope(() => callback(null, connection)))
  }

  release(connection: FakeConnection): void {
    const next = this.waiting.shift()
    if (next === undefined) this.free.push(connection)
    else setImmediate(() => this.socket.runInAsyncScope(() => next(null, connection)))
  }

  /** The shortcut: check out, query, release, call back. */
  query(text: string, callback: Callback): void {
    this.connect((error: unknown, connection: unknown) => {
      if (error) return callback(error as Error)
      const c = connection as FakeConnection
      c.query(text, (e, r) => {
        this.release(c)
        callback(e, r)
      })
    })
  }
}

/** Instruments a {@link FakePool} the way a driver package does, on the kit's relay. */
export function instrumentPool(pool: FakePool): FakePool {
  const relay: PoolRelay = new PoolRelay('fake', (c) => instrumentConnection(c as FakeConnection, relay))
  const connect = pool.connect
  const query = pool.query
  pool.connect = function (this: FakePool, callback: Method) {
    return connect.call(this, relay.checkout(callback, true))
  }
  pool.query = function (this: FakePool, text: string, callback: Callback) {
    const scope = callbackScope('fake-shortcut')
    if (scope === undefined) return query.call(this, text, callback)
    return relay.offer(scope, query as Method, this, [text, bindCallback(callback)])
  }
  return pool
}
