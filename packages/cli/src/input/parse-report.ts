import type { CostReport } from '@querycost/core'

/** A line that parsed as a report, or why it did not. */
export type ParsedLine = { report: CostReport; startedMs: number } | { error: string }

/**
 * Parses one JSON line as a cost report. Fields the reader does not know (such as a
 * later version's `syncMs` or `loopDelayMs`) are ignored; a line that is not JSON, or
 * JSON without a report's `name`, `startedAt` and `tables`, gives the reason.
 */
export function parseReportLine(line: string): ParsedLine {
  let value: unknown
  try {
    value = JSON.parse(line)
  } catch (error) {
    return { error: `not JSON (${(error as Error).message})` }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { error: 'not a JSON object' }
  const report = value as Partial<CostReport>
  if (typeof report.name !== 'string') return { error: 'not a querycost report (no "name")' }
  if (typeof report.tables !== 'object' || report.tables === null || Array.isArray(report.tables))
    return { error: 'not a querycost report (no "tables")' }
  const startedMs = typeof report.startedAt === 'string' ? Date.parse(report.startedAt) : Number.NaN
  if (!Number.isFinite(startedMs)) return { error: 'not a querycost report (no valid "startedAt")' }
  return { report: report as CostReport, startedMs }
}
