import type { Accumulator } from '../accounting/accumulator.js'
import { type Aggregate, aggregate } from '../accounting/aggregate.js'
import { type CostStats, publishStats, roundMs } from '../accounting/stats.js'
import type { CostContext } from '../context/cost-context.js'
import { state } from '../context/store.js'
import { isoTime } from './iso-time.js'
import type { Limits } from './limits.js'
import { checkLimits } from './limits.js'

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

/** Publishes an accumulator's figures as plain objects. */
export function buildStatsReport(acc: Accumulator): StatsReport {
  return publish(aggregate(acc))
}

function publish(acc: Aggregate): StatsReport {
  const systems: Record<string, CostStats> = {}
  for (const [name, stats] of acc.systems) systems[name] = publishStats(stats)
  const tables: Record<string, TableReport> = {}
  for (const [key, entry] of acc.tables) {
    const operations: Record<string, CostStats> = {}
    for (const [verb, stats] of entry.operations) operations[verb] = publishStats(stats)
    const stats = entry.stats
    // Spelled out, not spread: a spread into a literal costs a generic property copy per table.
    tables[key] = {
      system: entry.system,
      table: entry.table,
      count: stats.count,
      durationMs: roundMs(stats.durationMs),
      rows: stats.rows,
      affected: stats.affected,
      errors: stats.errors,
      operations,
    }
  }
  return { total: publishStats(acc.total), systems, tables }
}

function repeatedOf(acc: Aggregate, threshold: number, listed: number): RepeatedReport[] {
  const list: RepeatedReport[] = []
  for (const entry of acc.fingerprints.values()) {
    if (entry.count < threshold) continue
    list.push({
      system: entry.system,
      fingerprint: entry.fingerprint,
      tables: [...entry.tables],
      count: entry.count,
      durationMs: roundMs(entry.durationMs),
    })
  }
  list.sort((a, b) => b.count - a.count || b.durationMs - a.durationMs)
  return list.slice(0, listed)
}

/** Builds the report of a context at `now` (its end, or the moment `currentCost()` asks). */
export function buildReport(context: CostContext, now: number, limits: Limits | undefined): CostReport {
  const grouped = aggregate(context)
  const stats = publish(grouped)
  const wallMs = roundMs(now - context.startedAtMs)
  const report: CostReport = {
    schema: 1,
    name: context.name,
    startedAt: isoTime(context.startedAt),
    wallMs,
    // Each end of the time in flight is taken to the nearest µs: never above the wall time.
    dbWallMs: Math.min(wallMs, roundMs(context.dbWallMs(now))),
    poolWaitMs: roundMs(context.poolWaitMs(now)),
    total: stats.total,
    systems: stats.systems,
    tables: stats.tables,
    repeated: repeatedOf(grouped, context.config.repeatThreshold, context.config.maxRepeatedListed),
    violations: [],
  }
  const loop = state.loop?.fields(context, now)
  if (loop !== undefined) Object.assign(report, loop)
  if (limits !== undefined) report.violations = checkLimits(report, limits, grouped)
  return report
}
