import type { CostReport, Violation } from './types.js'

/** The code of {@link LimitError}, stable for tests and logs to match on. */
export const LIMIT_EXCEEDED = 'QUERYCOST_LIMIT_EXCEEDED'

function describe(v: Violation): string {
  const where = v.table === undefined ? '' : ` on ${v.table}`
  const shape = v.fingerprint === undefined ? '' : `: ${v.fingerprint}`
  return `${v.limit}${where}: ${v.value} > ${v.threshold}${shape}`
}

/**
 * What strict mode throws at the end of a context that broke a limit. It carries the
 * report; its message lists each breach and how to settle it.
 */
export class LimitError extends Error {
  readonly code = LIMIT_EXCEEDED
  readonly report: CostReport
  readonly violations: readonly Violation[]

  constructor(report: CostReport) {
    const lines = report.violations.map((v) => `  - ${describe(v)}`)
    const fix = report.violations.some((v) => v.limit === 'maxRepeated')
      ? 'Fix the loop, raise the limit, or mark a known loop with allowRepeats(fn) or limits.allowRepeated.'
      : 'Reduce the work or raise the limit (configure({ limits, routeLimits })).'
    super(`querycost: "${report.name}" broke ${lines.length === 1 ? 'a limit' : `${lines.length} limits`}\n${lines.join('\n')}\n${fix}`)
    this.name = 'LimitError'
    this.report = report
    this.violations = report.violations
  }
}
