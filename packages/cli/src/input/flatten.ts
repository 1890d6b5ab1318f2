import { type CostReport, toRows } from '@querycost/core'
import type { TableName } from '../engine/schema.js'

/** Where flattened values go: one call per row, values in the schema's column order. */
export interface RowSink {
  add(table: TableName, values: unknown[]): void
  /** Called between input chunks: the place to ship what was buffered. */
  flush(final: boolean): Promise<void>
}

/**
 * Writes one report as rows of the five tables. `toRows` gives the per-table rows;
 * the request's totals, systems, repeated statements and violations go beside them.
 */
export function flattenReport(report: CostReport, startedMs: number, sink: RowSink): void {
  const when = [report.name, dayOf(startedMs), startedMs, startedMs]
  const total = report.total
  const violations = Array.isArray(report.violations) ? report.violations : []
  sink.add('requests', [...when, num(report.wallMs), num(report.dbWallMs), num(report.poolWaitMs), ...stats(total), violations.length])
  for (const [system, s] of Object.entries(report.systems ?? {})) {
    sink.add('request_systems', [...when, system, num(report.wallMs), num(report.poolWaitMs), ...stats(s)])
  }
  for (const row of toRows(report)) {
    sink.add('cost_rows', [...when, row.system, row.table, row.operation, ...stats(row)])
  }
  for (const r of Array.isArray(report.repeated) ? report.repeated : []) {
    const tables = Array.isArray(r.tables) ? r.tables.join(',') : ''
    sink.add('repeated', [...when, String(r.system), String(r.fingerprint), tables, num(r.count), num(r.durationMs)])
  }
  for (const v of violations) sink.add('violations', [...when, String(v.limit), v.table ?? '', num(v.value), num(v.threshold)])
}

interface Stats {
  count?: unknown
  durationMs?: unknown
  rows?: unknown
  affected?: unknown
  errors?: unknown
}

function stats(s: Stats | undefined): number[] {
  return [num(s?.count), num(s?.durationMs), num(s?.rows), num(s?.affected), num(s?.errors)]
}

function num(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0
}

/** `YYYY-MM-DD` (UTC) of an epoch-ms instant: the partition key. */
export function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10)
}
