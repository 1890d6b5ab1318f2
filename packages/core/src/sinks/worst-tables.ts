import type { CostReport, TableReport } from '../report/types.js'

/** The report's `n` costliest tables: by summed duration, then by count. */
export function worstTables(report: CostReport, n: number): TableReport[] {
  return Object.values(report.tables)
    .sort((a, b) => b.durationMs - a.durationMs || b.count - a.count)
    .slice(0, n)
}
