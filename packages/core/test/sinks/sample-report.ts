import type { CostReport, TableReport } from '../../src/index.js'

/** A table line with exact, chosen figures. */
export function table(system: string, name: string, count: number, durationMs: number, rows: number, affected = 0): TableReport {
  return { system, table: name, count, durationMs, rows, affected, errors: 0, operations: {} }
}

/** A report with exact figures (sinks are tested on known numbers, not measured ones). */
export function sampleReport(name: string, tables: TableReport[], extra: Partial<CostReport> = {}): CostReport {
  const total = { count: 0, durationMs: 0, rows: 0, affected: 0, errors: 0 }
  const systems: CostReport['systems'] = {}
  for (const t of tables) {
    const s = systems[t.system] ?? { count: 0, durationMs: 0, rows: 0, affected: 0, errors: 0 }
    systems[t.system] = s
    for (const stats of [total, s]) {
      stats.count += t.count
      stats.durationMs += t.durationMs
      stats.rows += t.rows
      stats.affected += t.affected
    }
  }
  return {
    schema: 1,
    name,
    startedAt: '2026-12-07T04:00:00.000Z',
    wallMs: 50,
    dbWallMs: 20,
    poolWaitMs: 1.5,
    total,
    systems,
    tables: Object.fromEntries(tables.map((t) => [`${t.system}:${t.table}`, t])),
    repeated: [],
    violations: [],
    ...extra,
  }
}
