import { performance } from 'node:perf_hooks'
import { Accumulator } from './accumulator.js'
import { callHook } from './guard.js'
import { type Limits, resolveLimits } from './limits.js'
import { buildReport, type CostReport } from './report.js'
import { state } from './store.js'

/** Options of one cost context (a request or a job). */
export interface CostOptions {
  /** The route pattern or job name; never the raw URL. Default `(unnamed)`. */
  name?: string
  /** Called once with the finished report. */
  onReport?: (report: CostReport) => void
  /** Limits for this context; default: `configure().routeLimits[name]`, then `configure().limits`. */
  limits?: Limits
}

/** The per-request store: what AsyncLocalStorage carries for one request or job. */
export class CostContext extends Accumulator {
  name: string
  readonly startedAt: number
  readonly startedAtMs: number
  readonly options: CostOptions
  /** Operations in flight now, for `dbWallMs`. */
  inFlight = 0
  dbWallSince = 0
  dbWallMs = 0
  /**
   * Waits for a pooled connection, summed as each one's end minus its start (so a waiter
   * keeps no start time of its own), plus `now` for each still open (`poolWaitsOpen`).
   */
  poolWaitSum = 0
  poolWaitsOpen = 0
  report: CostReport | undefined

  constructor(options: CostOptions) {
    super(state.config)
    this.options = options
    this.name = options.name ?? '(unnamed)'
    this.startedAt = Date.now()
    this.startedAtMs = performance.now()
  }

  /** An operation starts: `dbWallMs` counts time with at least one in flight. */
  enter(now: number): void {
    if (this.inFlight++ === 0) this.dbWallSince = now
  }

  /** An operation ends. */
  leave(now: number): void {
    if (--this.inFlight === 0) this.dbWallMs += now - this.dbWallSince
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

  /** Time spent waiting for pooled connections up to `now`, the waits still open included. */
  poolWaitMs(now: number): number {
    return Math.max(0, this.poolWaitSum + this.poolWaitsOpen * now) // never -0 from rounding
  }

  /** Closes the context once: builds the report, checks limits and hands it on. */
  finish(): CostReport {
    if (this.report !== undefined) return this.report
    const report = buildReport(this, performance.now(), resolveLimits(this))
    this.report = report
    callHook('onReport', this.options.onReport, report)
    callHook('configure({ onReport })', state.config.onReport, report)
    for (const violation of report.violations) callHook('onViolation', state.config.onViolation, violation, report)
    return report
  }
}
