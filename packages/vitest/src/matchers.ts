import { Snapshots } from 'vitest'
import { costSnapshot } from './cost-snapshot.js'
import { isReport, notAReport, type ReportLike } from './report-like.js'

/** What vitest hands a matcher as `this` (the parts used here). */
interface MatcherContext {
  isNot: boolean
  utils: { printReceived(value: unknown): string; printExpected(value: unknown): string }
}

interface MatcherResult {
  pass: boolean
  message: () => string
  actual?: unknown
  expected?: unknown
}

function countOf(report: ReportLike, scope: string | undefined): number {
  if (scope === undefined) return report.total.count
  if (scope.includes(':')) return report.tables[scope]?.count ?? 0
  return report.systems[scope]?.count ?? 0
}

function breakdown(report: ReportLike): string {
  const lines = Object.entries(report.tables).map(
    ([key, t]) =>
      `    ${key}: ${Object.entries(t.operations)
        .map(([verb, s]) => `${verb} ${s.count}`)
        .join(', ')}`,
  )
  return lines.length === 0 ? '    (no operations)' : lines.join('\n')
}

/** `expect(report).toHaveQueryCount(n, scope?)`: exact operations, in total, per system (`'pg'`) or per table (`'pg:users'`). */
function toHaveQueryCount(this: MatcherContext, received: unknown, expected: number, scope?: string): MatcherResult {
  if (!isReport(received)) return { pass: false, message: () => notAReport('toHaveQueryCount', received) }
  const actual = countOf(received, scope)
  const where = scope === undefined ? '' : ` on ${scope}`
  return {
    pass: actual === expected,
    message: () =>
      `expected ${this.isNot ? 'not ' : ''}${expected} ${expected === 1 ? 'query' : 'queries'}${where}, got ${actual}\n  per table:\n${breakdown(received)}`,
    actual,
    expected,
  }
}

/** `expect(report).toHaveNoRepeatedStatements()`: no statement shape in `repeated`, except those allowed. */
function toHaveNoRepeatedStatements(this: MatcherContext, received: unknown): MatcherResult {
  if (!isReport(received)) return { pass: false, message: () => notAReport('toHaveNoRepeatedStatements', received) }
  const repeated = received.repeated.filter((r) => r.allowed !== true)
  const list = repeated.map((r) => `    ${r.count}× ${r.system}: ${r.fingerprint}`).join('\n')
  return {
    pass: repeated.length === 0,
    message: () =>
      this.isNot
        ? 'expected repeated statements, found none'
        : `expected no repeated statements (N+1), found ${repeated.length}:\n${list}\n  Batch the loop into one statement, or mark a known loop with allowRepeats().`,
  }
}

/** `expect(report).toMatchCostSnapshot(hint?)`: per table and operation counts, rows bucketed, in vitest's snapshot file. */
function toMatchCostSnapshot(this: MatcherContext, received: unknown, hint?: string): MatcherResult {
  if (!isReport(received)) return { pass: false, message: () => notAReport('toMatchCostSnapshot', received) }
  return (Snapshots.toMatchSnapshot as (this: unknown, received: unknown, hint?: string) => MatcherResult).call(
    this,
    costSnapshot(received),
    hint,
  )
}

/**
 * The querycost matchers, for `expect.extend(querycostMatchers)` (or import
 * `@querycost/vitest/setup` in `setupFiles`, which does it).
 *
 * @example
 * const { report } = await measureCost(() => listOrders(pool))
 * expect(report).toHaveQueryCount(2)
 * expect(report).toHaveQueryCount(1, 'pg:orders')
 * expect(report).toHaveNoRepeatedStatements()
 * expect(report).toMatchCostSnapshot()
 */
export const querycostMatchers = { toHaveQueryCount, toHaveNoRepeatedStatements, toMatchCostSnapshot }
