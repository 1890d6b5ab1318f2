import type { Accumulator } from '../accounting/accumulator.js'
import { type Aggregate, aggregate } from '../accounting/aggregate.js'
import { type CostStats, publishStats, roundMs } from '../accounting/stats.js'
import type { CostContext } from '../context/cost-context.js'
import { state } from '../context/store.js'
import { isoTime } from './iso-time.js'
import { checkLimits } from './limits.js'
import type { CostReport, Limits, RepeatedReport, StatsReport, TableReport } from './types.js'

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
