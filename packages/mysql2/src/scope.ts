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
let pending: AsyncResource | undefined
let pendingDirect = false
let lent: AsyncResource | undefined
let lentDirect = false
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
 * Runs the pool's own getConnection callback (already in `scope`; `n` arguments),
 * lending `scope` to the statement it sends, which begins at `at` (when the wait
 * ended). Whatever else runs there (the caller's callback, on a checkout error) is in
 * the same context, so a statement it sends may borrow it too.
 */
export function lendScope(
  scope: AsyncResource,
  at: number,
  callback: Method,
  self: unknown,
  n: number,
  error: unknown,
  connection: unknown,
): unknown {
  lent = scope
  lentAt = at
  try {
    return callIn(undefined, callback, self, n, error, connection, undefined)
  } finally {
    lent = undefined
  }
}

/**
 * Runs a promise pool's getConnection callback (in no scope; `n` arguments): the
 * statement it sends begins in `context`, its caller's, at `at` (when the wait ended),
 * and is not bound.
 */
export function lendContext(
  context: CostContext | undefined,
  at: number,
  callback: Method,
  self: unknown,
  n: number,
  error: unknown,
  connection: unknown,
): unknown {
  lentDirect = true
  lentContext = context
  lentAt = at
  try {
    return callIn(undefined, callback, self, n, error, connection, undefined)
  } finally {
    lentDirect = false
    lentContext = undefined
  }
}

/** The scope lent to the statement being sent now, once; `undefined` outside a pool's callback. */
export function borrowScope(): AsyncResource | undefined {
  const scope = lent
  lent = undefined
  return scope
}

/**
 * Whether the statement being sent now is a promise pool's, carrying its caller's
 * context ({@link borrowedContext}); once.
 */
export function borrowDirect(): boolean {
  const d = lentDirect
  lentDirect = false
  return d
}

/** The caller's context of the statement {@link borrowDirect} just said is a promise pool's. */
export function borrowedContext(): CostContext | undefined {
  return lentContext
}

/** When the wait for a connection of the statement that borrowed a scope or context ended: it begins then. */
export function borrowedAt(): number {
  return lentAt
}
