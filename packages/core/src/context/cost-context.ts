import { performance } from 'node:perf_hooks'
import { Accumulator } from '../accounting/accumulator.js'
import { microsPast, wholeSeconds } from '../accounting/micros.js'
import type { CostReport } from '../report/types.js'
import type { CostConfig, CostOptions } from './types.js'

/** The per-request store: what AsyncLocalStorage carries for one request or job. */
export class CostContext extends Accumulator {
  // What an operation's start and end touch comes first after the accumulator's fields,
  // as small integers (micros.ts): the context is cold by then, thousands of
  // operations after it was last touched.
  /** Operations in flight now, for {@link dbWallMs}. */
  inFlight = 0
  // Time with at least one operation in flight: since when, as whole seconds and the µs
  // into that second, and the total so far, as whole seconds and µs (below 1,000,000).
  private dbWallSinceS = 0
  private dbWallSinceUs = 0
  private dbWallS = 0
  private dbWallUs = 0
  name: string
  readonly startedAt: number
  readonly startedAtMs: number
  readonly options: CostOptions
  /**
   * Waits for a pooled connection, summed as each one's end minus its start (so a waiter
   * keeps no start time of its own), plus `now` for each still open (`poolWaitsOpen`).
   */
  poolWaitSum = 0
  poolWaitsOpen = 0
  report: CostReport | undefined
  /** Fingerprints `allowRepeats()` marked as known loops in this context. */
  allowedRepeats: Set<string> | undefined

  /** Made by `openContext` (lifecycle.ts), with the process's settings as `config`. */
  constructor(options: CostOptions, config: Readonly<CostConfig>) {
    super(config)
    this.options = options
    this.name = options.name ?? '(unnamed)'
    this.startedAt = Date.now()
    this.startedAtMs = performance.now()
  }

  /** An operation starts at `now`: {@link dbWallMs} counts time with at least one in flight. */
  enter(now: number): void {
    const s = wholeSeconds(now)
    this.enterAt(s, microsPast(now, s))
  }

  /** {@link enter} at `s` whole seconds and `us` µs into that second (micros.ts). */
  enterAt(s: number, us: number): void {
    if (this.inFlight++ !== 0) return
    this.dbWallSinceS = s
    this.dbWallSinceUs = us
  }

  /** An operation ends at `now`. */
  leave(now: number): void {
    const s = wholeSeconds(now)
    this.leaveAt(s, microsPast(now, s))
  }

  /** {@link leave} at `s` whole seconds and `us` µs into that second. */
  leaveAt(s: number, us: number): void {
    if (--this.inFlight !== 0) return
    const total = this.dbWallUs + this.openWallUs(s, us)
    if (total < 1_000_000) this.dbWallUs = total
    else this.carryWall(total)
  }

  /** Sets the time in flight to `us` µs, whole seconds carried (apart, so `leave` stays small enough to inline). */
  private carryWall(us: number): void {
    const s = Math.floor(us / 1_000_000)
    this.dbWallS += s
    this.dbWallUs = us - s * 1_000_000
  }

  /** µs since the time with operations in flight began, up to `s` whole seconds and `us` µs. */
  private openWallUs(s: number, us: number): number {
    return Math.max(0, (s - this.dbWallSinceS) * 1_000_000 + us - this.dbWallSinceUs)
  }

  /** Time with at least one operation in flight up to `now`, in milliseconds. */
  dbWallMs(now: number): number {
    const s = wholeSeconds(now)
    const open = this.inFlight > 0 ? this.openWallUs(s, microsPast(now, s)) : 0
    return this.dbWallS * 1000 + (this.dbWallUs + open) / 1000
  }

  /** A wait for a pooled connection begins at `now`. */
  beginPoolWait(now: number): void {
    this.poolWaitsOpen++
    this.poolWaitSum -= now
  }

  /** A wait that {@link beginPoolWait} began ends at `now`. */
  endPoolWait(now: number): void {
    this.poolWaitsOpen--
    this.poolWaitSum += now
  }

  /** {@link endPoolWait} at `s` whole seconds and `us` µs into that second (micros.ts). */
  endPoolWaitAt(s: number, us: number): void {
    this.poolWaitsOpen--
    this.poolWaitSum += s * 1000 + us / 1000
  }

  /** Time spent waiting for pooled connections up to `now`, the waits still open included. */
  poolWaitMs(now: number): number {
    return Math.max(0, this.poolWaitSum + this.poolWaitsOpen * now) // never -0 from rounding
  }
}
