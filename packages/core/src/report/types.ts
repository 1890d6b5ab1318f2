// The report concern's shared shapes (what a report and its limits look like): only
// type imports of other concerns' shape modules, so context/, accounting/ and the sinks
// can name them without importing the report builder back.
import type { CostStats } from '../accounting/stats.js'

/** One table's line in a report: its figures and its per-operation breakdown. */
export interface TableReport extends CostStats {
  system: string
  table: string
  operations: Record<string, CostStats>
}

/** A statement shape seen at least `repeatThreshold` times in one context (N+1). */
export interface RepeatedReport {
  system: string
  fingerprint: string
  tables: string[]
  count: number
  durationMs: number
  /** Set when the shape is allowed to repeat (`allowRepeats()`, `limits.allowRepeated`). */
  allowed?: true
}

/** A breached limit; `table` is set for a per-table limit, `fingerprint` for `maxRepeated`. */
export interface Violation {
  limit: 'maxCount' | 'maxDurationMs' | 'maxRows' | 'maxAffected' | 'maxRepeated' | 'maxSyncMs' | 'maxBlockMs'
  value: number
  threshold: number
  table?: string
  fingerprint?: string
}

/** The figures without the request around them (also the shape of lost-context stats). */
export interface StatsReport {
  total: CostStats
  systems: Record<string, CostStats>
  tables: Record<string, TableReport>
}

/** What one request or job cost its databases: plain and JSON-serialisable. */
export interface CostReport extends StatsReport {
  schema: 1
  name: string
  startedAt: string
  wallMs: number
  dbWallMs: number
  poolWaitMs: number
  repeated: RepeatedReport[]
  violations: Violation[]
  /** With `configure({ eventLoop: true })` only (docs/event-loop.md): time run on the loop, ms. */
  syncMs?: number
  /** Its longest synchronous stretch, ms. */
  longestSyncMs?: number
  /** Its stretches of at least `eventLoop.longSyncMs`. */
  longSyncCount?: number
  /** Time spent waiting on long stretches that other code ran, ms. */
  loopDelayMs?: number
}

/** Thresholds for one table (or, in {@link Limits}, for the whole route). */
export interface TableLimits {
  /** Operations sent. */
  maxCount?: number
  /** Summed operation time, in milliseconds. */
  maxDurationMs?: number
  /** Rows or documents returned. */
  maxRows?: number
  /** Rows, keys or documents written. */
  maxAffected?: number
  /** The most times one statement shape may run (on this table, for a table's limits). */
  maxRepeated?: number
}

/**
 * Thresholds for one route or job. A breach lands in the report's `violations`, is
 * passed to `onViolation`, and in strict mode fails the context. `configure({ limits })`
 * gives the defaults, `routeLimits[name]` overrides them field by field (tables merged
 * per key), and a context's own `limits` override both.
 *
 * @example
 * configure({
 *   limits: { maxCount: 50, maxRepeated: 10 },
 *   routeLimits: { 'GET /feed': { maxCount: 200, tables: { 'pg:orders': { maxRows: 1000 } } } },
 * })
 */
export interface Limits extends TableLimits {
  /** Per-table limits, keyed `system:table` as in the report. */
  tables?: Readonly<Record<string, TableLimits>>
  /** Fingerprints (as in `repeated`) of known loops: exempt from `maxRepeated`. */
  allowRepeated?: readonly string[]
  /** With `configure({ eventLoop: true })`: the most time the request may run on the loop, ms. */
  maxSyncMs?: number
  /** With `configure({ eventLoop: true })`: the longest it may block the loop in one stretch, ms. */
  maxBlockMs?: number
}
