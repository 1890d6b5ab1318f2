import type { EventLoopOptions } from '../event-loop/enable.js'
import type { Limits } from '../report/limits.js'
import type { CostReport, Violation } from '../report/report.js'

/** Process-wide settings; every field has a default (see {@link DEFAULT_CONFIG}). */
export interface CostConfig {
  /** A fingerprint seen at least this often in one context is listed in `repeated`. */
  repeatThreshold: number
  /** Distinct tables a report keeps; the rest fold into `system:(other)`. */
  maxTables: number
  /** Distinct operations kept per table; the rest fold into `(other)`. */
  maxOperationsPerTable: number
  /**
   * Distinct operation shapes (statement texts, Redis command and key-prefix pairs)
   * tracked per context; past it, operations still count, in `system:(other)`.
   */
  maxShapes: number
  /** Entries listed in `repeated`, most repeated first. */
  maxRepeatedListed: number
  /** Limits for every context that has none of its own and no entry in {@link routeLimits}. */
  limits: Limits | undefined
  /** Limits per context name (route pattern or job name). */
  routeLimits: Readonly<Record<string, Limits>>
  /** Called with every finished report, after the context's own `onReport`. */
  onReport: ((report: CostReport) => void) | undefined
  /** Called once per breached limit. Default: one structured JSON line on stderr. */
  onViolation: (violation: Violation, report: CostReport) => void
  /**
   * For tests: a context that broke a limit throws a `LimitError` when it ends
   * (`runWithCost` and `measureCost` reject with it; a middleware throws it from the
   * response's `close` event, which fails the test run). Never in production.
   */
  strict: boolean
  /**
   * Opt-in: each report gains `syncMs`, `longestSyncMs`, `longSyncCount` and
   * `loopDelayMs` (docs/event-loop.md). Off (the default), no hook is installed.
   */
  eventLoop: boolean | EventLoopOptions
}

function logViolation(violation: Violation, report: CostReport): void {
  process.stderr.write(`${JSON.stringify({ level: 'error', msg: 'querycost limit exceeded', name: report.name, ...violation })}\n`)
}

/** The defaults {@link configure} merges over. */
export const DEFAULT_CONFIG: Readonly<CostConfig> = Object.freeze({
  repeatThreshold: 10,
  maxTables: 100,
  maxOperationsPerTable: 32,
  maxShapes: 1000,
  maxRepeatedListed: 20,
  limits: undefined,
  routeLimits: Object.freeze({}),
  onReport: undefined,
  onViolation: logViolation,
  strict: false,
  eventLoop: false,
})
