import { type Aggregate, maxRepetition } from '../accounting/aggregate.js'
import type { CostContext } from '../context/cost-context.js'
import { state } from '../context/store.js'
import type { CostReport, Violation } from './report.js'

/** Thresholds for one table. */
export interface TableLimits {
  maxCount?: number
  maxDurationMs?: number
  maxRows?: number
  /** The most times one statement shape may repeat on this table. */
  maxRepeated?: number
}

/**
 * Thresholds for one route or job. A breach lands in the report's `violations` and
 * is passed to `onViolation`.
 *
 * @example
 * configure({ routeLimits: { 'GET /users/:id': { maxCount: 25, tables: { 'pg:orders': { maxRows: 1000 } } } } })
 */
export interface Limits extends TableLimits {
  /** Per-table limits, keyed `system:table` as in the report. */
  tables?: Readonly<Record<string, TableLimits>>
}

/** The limits that apply to a context when it ends (its name may be set late, by a router). */
export function resolveLimits(context: CostContext): Limits | undefined {
  return context.options.limits ?? state.config.routeLimits[context.name] ?? state.config.limits
}

function check(out: Violation[], limit: Violation['limit'], value: number, threshold: number | undefined, table?: string): void {
  if (threshold === undefined || value <= threshold) return
  out.push(table === undefined ? { limit, value, threshold } : { limit, value, threshold, table })
}

function maxRepetitionOn(acc: Aggregate, table: string): number {
  let max = 0
  for (const entry of acc.fingerprints.values()) {
    if (entry.count > max && entry.tables.some((t) => `${entry.system}:${t}` === table)) max = entry.count
  }
  return max
}

/** Every limit the report breaches, route limits first, then tables in report order. */
export function checkLimits(report: CostReport, limits: Limits, acc: Aggregate): Violation[] {
  const out: Violation[] = []
  check(out, 'maxCount', report.total.count, limits.maxCount)
  check(out, 'maxDurationMs', report.total.durationMs, limits.maxDurationMs)
  check(out, 'maxRows', report.total.rows, limits.maxRows)
  if (limits.maxRepeated !== undefined) check(out, 'maxRepeated', maxRepetition(acc), limits.maxRepeated)
  if (limits.tables === undefined) return out
  for (const [key, tableLimits] of Object.entries(limits.tables)) {
    const table = report.tables[key]
    if (table === undefined) continue
    check(out, 'maxCount', table.count, tableLimits.maxCount, key)
    check(out, 'maxDurationMs', table.durationMs, tableLimits.maxDurationMs, key)
    check(out, 'maxRows', table.rows, tableLimits.maxRows, key)
    if (tableLimits.maxRepeated !== undefined) check(out, 'maxRepeated', maxRepetitionOn(acc, key), tableLimits.maxRepeated, key)
  }
  return out
}
