import type { AsyncResource } from 'node:async_hooks'
import type { CostContext } from '../context/cost-context.js'
import { Loan } from './loan.js'
import { callWith, type Method } from './method.js'
import type { PoolRelay } from './relay.js'

/**
 * What runs when the pool hands a connection (or an error) over: ends the wait, then
 * runs the pool's callback (`self` its `this`), lending a shortcut's statement the
 * caller's context (no scope: {@link Loan.Direct}) or its scope ({@link Loan.Scoped}).
 */
function handOver(
  self: unknown,
  lends: boolean,
  relay: PoolRelay,
  context: CostContext | undefined,
  callback: Method,
  n: number,
  error: unknown,
  connection: unknown,
  extra: unknown,
  scope: AsyncResource | undefined,
): unknown {
  relay.handedOver(context, error, connection)
  if (!lends) return callWith(undefined, callback, self, n, error, connection, extra)
  return relay.lend(scope === undefined ? Loan.Direct : Loan.Scoped, context, scope, callback, self, n, error, connection, extra)
}

// The two callbacks a checkout waits with (core's recycled waiter calls them with the
// pool's `this`, the relay, the caller's context and callback, the pool's arguments
// and a scope), module-level so a checkout makes nothing: a shortcut's, which lends,
// and any other (the caller's own `connect`/`getConnection`), which does not.
export type Waiting = (
  this: unknown,
  relay: PoolRelay,
  context: CostContext | undefined,
  callback: Method,
  n: number,
  error: unknown,
  connection: unknown,
  extra: unknown,
  scope: AsyncResource | undefined,
) => unknown

export const lending: Waiting = function (this: unknown, relay, context, callback, n, error, connection, extra, scope) {
  if (scope === undefined) return handOver(this, true, relay, context, callback, n, error, connection, extra, scope)
  return scope.runInAsyncScope(handOver, undefined, this, true, relay, context, callback, n, error, connection, extra, scope)
}

export const own: Waiting = function (this: unknown, relay, context, callback, n, error, connection, extra, scope) {
  if (scope === undefined) return handOver(this, false, relay, context, callback, n, error, connection, extra, scope)
  return scope.runInAsyncScope(handOver, undefined, this, false, relay, context, callback, n, error, connection, extra, scope)
}
