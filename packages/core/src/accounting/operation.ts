import { performance } from 'node:perf_hooks'
import type { CostContext } from '../context/cost-context.js'
import { notifyLost } from '../context/lost-context.js'
import { state } from '../context/store.js'
import { microsPast, wholeSeconds } from './micros.js'
import type { OperationTarget } from './target.js'

/**
 * One operation in flight. A driver package begins it when the operation is sent
 * and ends it exactly once when the result or error comes back.
 */
export class Operation {
  readonly target: OperationTarget
  /** The context the operation belongs to; `undefined` when it started outside one. */
  readonly context: CostContext | undefined
  // The start (`performance.now()`, ms) as whole seconds and the µs into that second
  // (micros.ts): small integers, kept in the object itself. Seconds are -1 once the
  // operation ended.
  private startS: number
  private readonly startUs: number

  /** Starts at `s` whole seconds and `us` µs into that second (see {@link beginOperationAt}). */
  constructor(target: OperationTarget, context: CostContext | undefined, s: number, us: number) {
    this.target = target
    this.context = context
    this.startS = s
    this.startUs = us
  }

  /** Rows that arrived before the end (cursor and stream batches). */
  addRows(rows: number): void {
    if (this.startS < 0 || rows === 0) return
    ;(this.context ?? state.lost).recordRows(this.target, rows)
  }

  /**
   * The operation succeeded; `rows` returned, `affected` written. Later calls are
   * ignored. `share` splits one round trip's time between the statements it carried
   * (a multi-statement query of three statements ends three operations with 1/3 each).
   */
  end(rows: number, affected: number, share = 1): void {
    this.finish(rows, affected, 0, share)
  }

  /** The operation failed. Later calls are ignored. */
  fail(rows = 0, share = 1): void {
    this.finish(rows, 0, 1, share)
  }

  private finish(rows: number, affected: number, errors: number, share: number): void {
    const s = this.startS
    if (s < 0) return
    this.startS = -1
    // The end as whole seconds and µs, and the duration in µs: small integers from here
    // on, as arguments too (a double passed to a call V8 does not inline is a new box).
    const now = performance.now()
    const endS = wholeSeconds(now)
    const endUs = microsPast(now, endS)
    const us = Math.round(Math.max(0, (endS - s) * 1_000_000 + endUs - this.startUs) * share)
    const context = this.context
    if (context === undefined) {
      state.lost.record(this.target, us, rows, affected, errors)
      return
    }
    context.leaveAt(endS, endUs)
    context.record(this.target, us, rows, affected, errors)
  }
}

/**
 * Starts an operation in the current cost context. An operation with no context is
 * counted as lost and reported to `onLostContext` listeners, never dropped.
 *
 * @example
 * const op = beginOperation(analysis[0])
 * try { const res = await send(); op.end(res.rows.length, 0); return res }
 * catch (error) { op.fail(); throw error }
 */
export function beginOperation(target: OperationTarget): Operation {
  return beginOperationIn(state.als.getStore(), target)
}

/**
 * Starts an operation in a context the driver package already holds (one it captured
 * in the caller's frame and carries to where the driver sends the operation, instead
 * of a scope per call); `undefined` counts it as lost, as {@link beginOperation} does.
 * `now` is the `performance.now()` the driver just read (the end of a pool wait that
 * ends as the operation starts), saving a second clock read.
 */
export function beginOperationIn(context: CostContext | undefined, target: OperationTarget, now = performance.now()): Operation {
  const s = wholeSeconds(now)
  return beginOperationAt(context, target, s, microsPast(now, s))
}

/**
 * {@link beginOperationIn} at a time already split into whole seconds `s` and `us` µs into
 * that second (micros.ts), as the driver kit carries a pool wait's end to the statement
 * that begins then: small integers cross calls V8 does not inline without a box.
 */
export function beginOperationAt(context: CostContext | undefined, target: OperationTarget, s: number, us: number): Operation {
  if (context === undefined) {
    notifyLost(target) // each listener runs inside callHook's guard
  } else {
    context.enterAt(s, us)
  }
  return new Operation(target, context, s, us)
}

/** The current cost context, for driver packages (pool wait accounting). */
export function activeContext(): CostContext | undefined {
  return state.als.getStore()
}
