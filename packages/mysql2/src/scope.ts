import type { AsyncResource } from 'node:async_hooks'
import type { Method } from './call.js'
import { callIn } from './command.js'

// mysql2's `pool.query` and `pool.execute` check a connection out through
// `this.getConnection(cb)` and, from that callback, call `conn.query` / `conn.execute`
// synchronously. These two slots let the one scope made when the user calls
// `pool.query` serve the whole call: the getConnection wrapper takes it instead of
// making its own, then lends it to the statement its callback sends, whose result
// callback (or events) runs in it. One AsyncResource per pooled statement instead of two.
let pending: AsyncResource | undefined
let lent: AsyncResource | undefined

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

/**
 * Runs the pool's own getConnection callback (already in `scope`; `n` arguments),
 * lending `scope` to the statement it sends. Whatever else runs there (the caller's
 * callback, on a checkout error) is in the same context, so a statement it sends may
 * borrow it too.
 */
export function lendScope(scope: AsyncResource, callback: Method, self: unknown, n: number, error: unknown, connection: unknown): unknown {
  lent = scope
  try {
    return callIn(undefined, callback, self, n, error, connection, undefined)
  } finally {
    lent = undefined
  }
}

/** The scope lent to the statement being sent now, once; `undefined` outside a pool's callback. */
export function borrowScope(): AsyncResource | undefined {
  const scope = lent
  lent = undefined
  return scope
}
