// The context concern's shared shapes (settings, a context's options, what a lost-context
// listener is told): only type imports of other concerns' shape modules, so accounting/,
// event-loop/ and report/ can name them without importing a context back.
import type { EventLoopOptions } from '../event-loop/types.js'
import type { CostReport, Limits, Violation } from '../report/types.js'

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

/** Options of one cost context (a request or a job). */
export interface CostOptions {
  /** The route pattern or job name; never the raw URL. Default `(unnamed)`. */
  name?: string
  /** Called once with the finished report. */
  onReport?: (report: CostReport) => void
  /** Limits for this context; default: `configure().routeLimits[name]`, then `configure().limits`. */
  limits?: Limits
}

/** What a lost-context listener is told about one operation that started with no cost context. */
export interface LostOperation {
  readonly system: string
  readonly operation: string
  readonly tables: readonly string[]
  /**
   * Where the operation started: the stack at that moment, without querycost's own
   * frames, first line the caller's. Only for listeners added with `{ callSite: true }`.
   */
  readonly callSite?: string
}

/** Receives each operation that started outside any cost context. */
export type LostContextListener = (operation: LostOperation) => void

/** Options of {@link onLostContext}. */
export interface LostContextOptions {
  /**
   * Capture the call site of each lost operation (a stack trace: tens of µs, paid only
   * for operations that lost their context, and only while such a listener is on).
   * @default false
   */
  callSite?: boolean
}
