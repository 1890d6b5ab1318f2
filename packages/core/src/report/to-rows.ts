import type { CostReport } from './types.js'

/** One (system, table, operation) line of a flattened report. */
export interface CostRow {
  name: string
  startedAt: string
  system: string
  table: string
  operation: string
  count: number
  durationMs: number
  rows: number
  affected: number
  errors: number
}

/**
 * Flattens a report into one row per (system, table, operation) with the request's
 * name and start time: the shape a data lake or SQL engine wants.
 *
 * @example
 * for (const row of toRows(report)) warehouse.insert('db_cost', row)
 */
export function toRows(report: CostReport): CostRow[] {
  const rows: CostRow[] = []
  for (const table of Object.values(report.tables)) {
    for (const [operation, stats] of Object.entries(table.operations)) {
      rows.push({
        name: report.name,
        startedAt: report.startedAt,
        system: table.system,
        table: table.table,
        operation,
        count: stats.count,
        durationMs: stats.durationMs,
        rows: stats.rows,
        affected: stats.affected,
        errors: stats.errors,
      })
    }
  }
  return rows
}
