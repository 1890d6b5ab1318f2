import type { CostReport } from '@querycost/core'

/** The parts of a report the matchers read. */
export type ReportLike = Pick<CostReport, 'total' | 'systems' | 'tables' | 'repeated'>

/** Whether `value` looks like a querycost report (a `CostReport` or `currentCost()`). */
export function isReport(value: unknown): value is ReportLike {
  const v = value as Partial<ReportLike> | null
  return typeof v === 'object' && v !== null && typeof v.total === 'object' && typeof v.tables === 'object' && Array.isArray(v.repeated)
}

/** The error message for a received value that is no report. */
export function notAReport(matcher: string, value: unknown): string {
  const got = value === undefined ? 'undefined (was it read outside a cost context?)' : typeof value
  return `${matcher}: expected a querycost report (from measureCost, onReport or currentCost()), got ${got}`
}
