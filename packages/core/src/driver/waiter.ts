import { reportInternalError } from './guard.js'

/**
 * What a waiting checkout runs when its pool hands it a connection (or an error): the
 * three values the driver package gave {@link waiterCallback}, then how many arguments
 * the pool passed and the first three of them; `this` is the pool's.
 */
export type WaiterHandler<A, B, C, D = undefined> = (
  this: unknown,
  a: A,
  b: B,
  c: C,
  n: number,
  x: unknown,
  y: unknown,
  z: unknown,
  d: D,
) => unknown

type PoolCallback = (this: unknown, x?: unknown, y?: unknown, z?: unknown) => unknown

interface Waiter {
  handler: WaiterHandler<unknown, unknown, unknown, unknown> | undefined
  a: unknown
  b: unknown
  c: unknown
  d: unknown
  readonly callback: PoolCallback
}

// Waiters whose callback has run, ready for the next checkout. At saturation thousands
// of checkouts wait in a pool's queue at once, and every young-generation collection
// copies what each one holds until its turn: a function made per checkout cost pg's Pool
// 750 and mysql2's pool 1,800 instructions per query on Node 20, most of them in the
// collector. A recycled one is old by then and costs four field writes. Bounded, so a
// burst leaves little behind.
const free: Waiter[] = []
const MAX_FREE = 1024
// Every waiter's callback ever made (a few: they are recycled), so a pool that hands one
// back to its own checkout (mysql2 re-queues a waiter through `getConnection`) is seen.
const made = new WeakSet<PoolCallback>()

function makeWaiter(): Waiter {
  const waiter: Waiter = {
    handler: undefined,
    a: undefined,
    b: undefined,
    c: undefined,
    d: undefined,
    callback(this: unknown, x?: unknown, y?: unknown, z?: unknown): unknown {
      const handler = waiter.handler
      if (handler === undefined) {
        // The pool ran this callback a second time (pg-pool and mysql2 run each once).
        reportInternalError('pool callback', new Error('a pool ran a waiting checkout’s callback twice; the second run was ignored'))
        return undefined
      }
      const { a, b, c, d } = waiter
      // Cleared before the handler runs: it may check out again, and reuse this waiter.
      waiter.handler = undefined
      waiter.a = undefined
      waiter.b = undefined
      waiter.c = undefined
      waiter.d = undefined
      if (free.length < MAX_FREE) free.push(waiter)
      return handler.call(this, a, b, c, arguments.length, x, y, z, d)
    },
  }
  made.add(waiter.callback)
  return waiter
}

/** Whether `fn` is a callback {@link waiterCallback} handed out (a checkout already waiting). */
export function isWaiterCallback(fn: unknown): boolean {
  return typeof fn === 'function' && made.has(fn as PoolCallback)
}

/**
 * The callback a checkout waits in a pool's queue with: when the pool runs it, it runs
 * `handler(a, b, c, n, ...args, d)` once (the first three of the pool's arguments; `d`
 * an optional fourth value), with the pool's `this`. The function is recycled
 * once it has run, so a busy pool's thousands of waiters allocate nothing per checkout;
 * the pool must run it at most once (a second run is reported and ignored), as pg-pool
 * and mysql2 do with every callback they queue.
 *
 * @example
 * const waiting = waiterCallback(handOver, context, callback, undefined)
 * return original.call(pool, waiting)
 */
export function waiterCallback<A, B, C, D = undefined>(handler: WaiterHandler<A, B, C, D>, a: A, b: B, c: C, d?: D): PoolCallback {
  const waiter = free.pop() ?? makeWaiter()
  waiter.handler = handler as WaiterHandler<unknown, unknown, unknown, unknown>
  waiter.a = a
  waiter.b = b
  waiter.c = c
  waiter.d = d
  return waiter.callback
}
