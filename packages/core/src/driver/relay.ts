import type { AsyncResource } from 'node:async_hooks'
import { performance } from 'node:perf_hooks'
import { microsPast, wholeSeconds } from '../accounting/micros.js'
import { activeContext } from '../accounting/operation.js'
import { callbackScope } from '../context/bind.js'
import type { CostContext } from '../context/cost-context.js'
import { failConnection } from './connection-failure.js'
import { safely } from './guard.js'
import { Loan } from './loan.js'
import { callWith, type Method } from './method.js'
import { waiterCallback } from './waiter.js'

const DIRECT = true

/**
 * The pooled-checkout relay of one pool. A pool shortcut (`pool.query`, `pool.execute`)
 * checks a connection out through the pool's own checkout and, from its callback, sends
 * its statement on that connection. The relay carries what the shortcut's caller had
 * (its context, the checkout's start, its callback's scope) across the pool's queue to
 * that statement, so that:
 *
 * - the wait for a connection counts once, as `poolWaitMs` of the caller's context, and
 *   a checkout that fails in the caller's face counts as an error under `(connection)`;
 * - the statement counts once, in the caller's context, however late a busy pool runs
 *   the callback (the shortcut itself is not an operation);
 * - one scope serves the whole call (none for a promise-form call).
 *
 * The four steps, in order: {@link offer} (the shortcut), {@link checkout} (the pool's
 * checkout), the hand-over (runs when the pool hands a connection over: ends the wait,
 * instruments the connection, lends), and {@link borrow} (the connection's statement).
 * Each step runs synchronously inside the one before it, as pg-pool and mysql2 do, and
 * takes what it needs once, so nothing is left for an unrelated call.
 *
 * @example
 * const relay = new PoolRelay('pg', (client) => instrumentClient(client, relay))
 * pool.connect = function (callback) { return original.call(this, relay.checkout(callback, true)) }
 */
export class PoolRelay {
  /** The report system, for failed checkouts. */
  readonly system: string
  // The guard's label for `onConnection`, made once: a template literal per hand-over
  // was a new string per pooled query.
  private readonly connectionLabel: string
  private readonly onConnection: (connection: object) => void
  private offered: AsyncResource | boolean | undefined = undefined
  private loan: number = Loan.None
  private readonly failures = new WeakMap<object, CostContext>()
  /** The context of the statement lent last (a {@link Loan.Direct} loan). */
  context: CostContext | undefined = undefined
  /** When the wait of the statement lent last ended (whole seconds, and µs into that second: micros.ts): it begins then. */
  atS = 0
  atUs = 0
  /** The scope of the statement lent last (a {@link Loan.Scoped} loan). */
  scope: AsyncResource | undefined = undefined

  /** `onConnection` instruments each connection the pool hands over, before its caller sees it. */
  constructor(system: string, onConnection: (connection: object) => void) {
    this.system = system
    this.connectionLabel = `${system} pool connection`
    this.onConnection = onConnection
  }

  /**
   * Step 1, the shortcut: calls the pool's own `original` with `args`, offering the
   * checkout it makes either `scope` (a callback-form call) or, with `undefined`, its
   * caller's context directly (a promise-form call: no scope at all).
   */
  offer(scope: AsyncResource | undefined, original: Method, self: unknown, args: ArrayLike<unknown>): unknown {
    this.offered = scope ?? DIRECT
    try {
      return original.apply(self, args as unknown[])
    } finally {
      this.offered = undefined
    }
  }

  /**
   * Step 2, the checkout: the callback to queue in the pool in place of `callback`.
   * The wait starts now, in the current context. A checkout of a shortcut takes its
   * offer; any other one runs `callback` in a scope of its own (`bind`), or as it is
   * (`bind` false: the driver's promise settles in its caller's context by itself).
   * The callback is a recycled one (core's `waiterCallback`): nothing is made per
   * checkout for every young-generation collection to copy until its turn.
   */
  checkout(callback: Method, bind: boolean, lends = false): Method {
    const context = activeContext()
    context?.beginPoolWait(performance.now())
    const offered = this.offered
    this.offered = undefined
    if (offered === DIRECT) return waiterCallback(lending, this, context, callback, undefined)
    if (offered !== undefined) return waiterCallback(lending, this, context, callback, offered as AsyncResource)
    const scope = bind ? callbackScope('querycost.pool') : undefined
    // `lends` (a pool whose shortcuts the relay does not see): whatever the callback sends
    // borrows its context, unless rebinding is switched off for a test.
    if (lends && (scope !== undefined || !bind)) return waiterCallback(lending, this, context, callback, scope)
    return waiterCallback(own, this, context, callback, scope)
  }

  /**
   * A connect the pool made for a checkout failed (`error`), in `context`: counted under
   * `(connection)` once the callbacks it runs now are done, unless one of this relay's
   * waiters saw the same error, which counts it in its own context instead.
   */
  connectFailed(context: CostContext | undefined, error: unknown): void {
    if (context === undefined) return
    if (error === null || typeof error !== 'object') {
      failConnection(context, this.system)
      return
    }
    this.failures.set(error, context)
    queueMicrotask(() => {
      const pending = this.failures.get(error)
      if (pending === undefined) return
      this.failures.delete(error)
      failConnection(pending, this.system)
    })
  }

  /** The pool threw before queuing the checkout: the wait ends, and the caller sees the error. */
  checkoutThrew(): void {
    // The checkout began in the current context, which is still the caller's.
    const context = activeContext()
    if (context === undefined) return
    context.endPoolWait(performance.now())
    failConnection(context, this.system)
  }

  /**
   * The pool refused a checkout without queuing it or making a connection (full, and it
   * may not wait or its queue is at its limit): the caller, whose code runs now, sees the
   * error. One error under `(connection)` in the current context; no wait began.
   */
  checkoutRefused(): void {
    failConnection(activeContext(), this.system)
  }

  /**
   * The pool handed `connection` (or `error`) over: ends the wait, counts a failure,
   * instruments the connection. When is kept in {@link atS} and {@link atUs}, for the
   * statement {@link lend} lends next: small integers, in fields and as arguments (a double
   * crossing a call that is not inlined is a new heap number per query).
   */
  handedOver(context: CostContext | undefined, error: unknown, connection: unknown): void {
    const now = performance.now()
    const s = wholeSeconds(now)
    const us = microsPast(now, s)
    this.atS = s
    this.atUs = us
    if (error !== null && typeof error === 'object') this.failures.delete(error) // counted here, not by connectFailed
    if (context !== undefined) {
      context.endPoolWaitAt(s, us)
      if (error) failConnection(context, this.system)
    }
    if (!error && connection !== null && typeof connection === 'object') safely(this.connectionLabel, this.onConnection, connection)
  }

  /** Step 3, the hand-over: runs the pool's callback with the loan set (from {@link atS}, set by {@link handedOver}), for the statement it sends now. */
  lend(
    loan: number,
    context: CostContext | undefined,
    scope: AsyncResource | undefined,
    callback: Method,
    self: unknown,
    n: number,
    a: unknown,
    b: unknown,
    c: unknown,
  ): unknown {
    this.loan = loan
    this.context = context
    this.scope = scope
    try {
      return callWith(undefined, callback, self, n, a, b, c)
    } finally {
      this.loan = Loan.None
      this.context = undefined
      this.scope = undefined
    }
  }

  /** Step 4, the connection's statement: what the pool lent it (a {@link Loan}), once. */
  borrow(): number {
    const loan = this.loan
    this.loan = Loan.None
    return loan
  }

  /** The caller's own code runs now (its callback): what it sends borrows nothing. */
  clearLoan(): void {
    this.loan = Loan.None
  }

  /** The context a statement with `loan` begins in. */
  contextOf(loan: number): CostContext | undefined {
    return loan === Loan.Direct ? this.context : activeContext()
  }
}

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
type Waiting = (
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

const lending: Waiting = function (this: unknown, relay, context, callback, n, error, connection, extra, scope) {
  if (scope === undefined) return handOver(this, true, relay, context, callback, n, error, connection, extra, scope)
  return scope.runInAsyncScope(handOver, undefined, this, true, relay, context, callback, n, error, connection, extra, scope)
}

const own: Waiting = function (this: unknown, relay, context, callback, n, error, connection, extra, scope) {
  if (scope === undefined) return handOver(this, false, relay, context, callback, n, error, connection, extra, scope)
  return scope.runInAsyncScope(handOver, undefined, this, false, relay, context, callback, n, error, connection, extra, scope)
}
