import type { AsyncResource } from 'node:async_hooks'
import type { CostContext } from '@querycost/core/driver'
import type { Method } from './call.js'
import { callIn } from './command.js'

// mysql2's `pool.query` and `pool.execute` check a connection out through
// `this.getConnection(cb)` and, from that callback, call `conn.query` / `conn.execute`
// synchronously. These slots let the one scope made when the user calls `pool.query`
// serve the whole call: the getConnection wrapper takes it instead of making its own,
// then lends it to the statement its callback sends, whose result callback (or events)
// runs in it. One AsyncResource per pooled statement instead of two.
//
// A promise pool's `query`/`execute` (see `promise.ts`) needs no scope at all: the
// getConnection wrapper captures the caller's context (for the wait too) and lends it to
// the statement, which begins in it. Nothing but that context waits in the pool's queue.
// Either way the statement begins in the context and at the time the wait ended.
let pending: AsyncResource | undefined
let pendingDirect = false
let lending = false
let lentScope: AsyncResource | undefined
let lentContext: CostContext | undefined
let lentAt = 0

/** Offers `scope` to the `getConnection` a pool's `query`/`execute` is about to call (`undefined` withdraws it). */
export function offerPoolScope(scope: AsyncResource | undefined): void {
  pending = scope
}

/** The scope of the `pool.query`/`pool.execute` now calling `getConnection`, once. */
export function takePoolScope(): AsyncResource | undefined {
  const scope = pending
  pending = undefined
  return scope
}

/** Tells the `getConnection` a promise pool's `query`/`execute` is about to call to lend it the caller's context. */
export function offerPoolDirect(direct: boolean): void {
  pendingDirect = direct
}

/** Whether the `getConnection` now called is a promise pool's `query`/`execute`'s; once. */
export function takePoolDirect(): boolean {
  const d = pendingDirect
  pendingDirect = false
  return d
}

/**
 * Runs the pool's own getConnection callback (`n` arguments), lending the statement it
 * sends what it needs: its caller's `context`, `at` (when the wait for the connection
 * ended: it begins then), and `scope`, the one its callbacks run in (none for a promise
 * pool's, whose callback only settles a promise). Whatever else runs there (the
 * caller's callback, on a checkout error) is the same call, so a statement it sends may
 * borrow them too.
 */
export function lend(
  scope: AsyncResource | undefined,
  context: CostContext | undefined,
  at: number,
  callback: Method,
  self: unknown,
  n: number,
  error: unknown,
  connection: unknown,
): unknown {
  lending = true
  lentScope = scope
  lentContext = context
  lentAt = at
  try {
    return callIn(undefined, callback, self, n, error, connection, undefined)
  } finally {
    lending = false
    lentScope = undefined
    lentContext = undefined
  }
}

/** Whether the statement being sent now is a pool's own, lent what {@link lend} gave; once. */
export function borrow(): boolean {
  const b = lending
  lending = false
  return b
}

/** The scope lent to the statement {@link borrow} just said is a pool's (`undefined` for a promise pool's). */
export function borrowedScope(): AsyncResource | undefined {
  return lentScope
}

/** Its caller's context. */
export function borrowedContext(): CostContext | undefined {
  return lentContext
}

/** When its wait for a connection ended. */
export function borrowedAt(): number {
  return lentAt
}
