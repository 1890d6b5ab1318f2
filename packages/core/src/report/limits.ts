import type { Aggregate, FingerprintEntry } from '../accounting/aggregate.js'
import type { CostContext } from '../context/cost-context.js'
import { state } from '../context/store.js'
import type { CostReport, Limits, TableLimits, Violation } from './types.js'

function merge(base: Limits | undefined, over: Limits | undefined): Limits | undefined {
  if (base === undefined) return over
  if (over === undefined) return base
  const merged: Limits = { ...base, ...over }
  if (base.tables !== undefined && over.tables !== undefined) {
    const tables: Record<string, TableLimits> = { ...base.tables }
    for (const [key, value] of Object.entries(over.tables)) tables[key] = { ...tables[key], ...value }
    merged.tables = tables
  }
  if (base.allowRepeated !== undefined && over.allowRepeated !== undefined)
    merged.allowRepeated = [...base.allowRepeated, ...over.allowRepeated]
  return merged
}

/**
 * The limits that apply to a context when it ends (its name may be set late, by a
 * router): the defaults, then the route's, then the context's own, plus the
 * fingerprints `allowRepeats()` marked in it.
 */
export function resolveLimits(context: CostContext): Limits | undefined {
  const config = state.config
  let limits = merge(merge(config.limits, config.routeLimits[context.name]), context.options.limits)
  if (context.allowedRepeats !== undefined) limits = merge(limits, { allowRepeated: [...context.allowedRepeats] })
  return limits
}

function check(out: Violation[], limit: Violation['limit'], value: number, threshold: number | undefined, table?: string): void {
  if (threshold === undefined || value <= threshold) return
  out.push(table === undefined ? { limit, value, threshold } : { limit, value, threshold, table })
}

function checkStats(out: Violation[], stats: CostReport['total'], limits: TableLimits, table?: string): void {
  check(out, 'maxCount', stats.count, limits.maxCount, table)
  check(out, 'maxDurationMs', stats.durationMs, limits.maxDurationMs, table)
  check(out, 'maxRows', stats.rows, limits.maxRows, table)
  check(out, 'maxAffected', stats.affected, limits.maxAffected, table)
}

/** The most repeated statement shape (on `table`, if given) not on the allow-list. */
function mostRepeated(acc: Aggregate, allowed: ReadonlySet<string>, table?: string): FingerprintEntry | undefined {
  let most: FingerprintEntry | undefined
  for (const entry of acc.fingerprints.values()) {
    if (most !== undefined && entry.count <= most.count) continue
    if (allowed.has(entry.fingerprint)) continue
    if (table !== undefined && !entry.tables.some((t) => `${entry.system}:${t}` === table)) continue
    most = entry
  }
  return most
}

function checkRepeated(
  out: Violation[],
  acc: Aggregate,
  allowed: ReadonlySet<string>,
  threshold: number | undefined,
  table?: string,
): void {
  if (threshold === undefined) return
  const most = mostRepeated(acc, allowed, table)
  if (most === undefined || most.count <= threshold) return
  const violation: Violation = { limit: 'maxRepeated', value: most.count, threshold, fingerprint: most.fingerprint }
  if (table !== undefined) violation.table = table
  out.push(violation)
}

/**
 * Every limit the report breaches, route limits first, then tables in the order the
 * limits name them; `repeated` entries on the allow-list are marked `allowed`.
 */
export function checkLimits(report: CostReport, limits: Limits, acc: Aggregate): Violation[] {
  const allowed = new Set(limits.allowRepeated)
  for (const entry of report.repeated) if (allowed.has(entry.fingerprint)) entry.allowed = true
  const out: Violation[] = []
  checkStats(out, report.total, limits)
  checkRepeated(out, acc, allowed, limits.maxRepeated)
  if (report.syncMs !== undefined) check(out, 'maxSyncMs', report.syncMs, limits.maxSyncMs)
  if (report.longestSyncMs !== undefined) check(out, 'maxBlockMs', report.longestSyncMs, limits.maxBlockMs)
  if (limits.tables === undefined) return out
  for (const [key, tableLimits] of Object.entries(limits.tables)) {
    const table = report.tables[key]
    if (table === undefined) continue
    checkStats(out, table, tableLimits, key)
    checkRepeated(out, acc, allowed, tableLimits.maxRepeated, key)
  }
  return out
}
