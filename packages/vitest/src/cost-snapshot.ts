import { bucket } from './buckets.js'
import type { ReportLike } from './report-like.js'

/** One operation's line in a cost snapshot. */
export interface SnapshotOperation {
  count: number
  rows: string
  affected?: string
}

/** Per table (`system:table`), per operation: what a cost snapshot holds. */
export type CostSnapshot = Record<string, Record<string, SnapshotOperation>>

/**
 * The stable part of a report: per table and operation, the exact count and the rows
 * (and rows written, when any) in buckets; no durations, no names, no times. Tables
 * and operations are sorted, so the same work always gives the same snapshot.
 *
 * @example
 * costSnapshot(report) // { 'pg:users': { SELECT: { count: 3, rows: '2-9' } } }
 */
export function costSnapshot(report: ReportLike): CostSnapshot {
  const out: CostSnapshot = {}
  for (const key of Object.keys(report.tables).sort()) {
    const table = report.tables[key]
    if (table === undefined) continue
    const operations: Record<string, SnapshotOperation> = {}
    for (const verb of Object.keys(table.operations).sort()) {
      const stats = table.operations[verb]
      if (stats === undefined) continue
      const line: SnapshotOperation = { count: stats.count, rows: bucket(stats.rows) }
      if (stats.affected > 0) line.affected = bucket(stats.affected)
      operations[verb] = line
    }
    out[key] = operations
  }
  return out
}
