import type { CostReport, CostStats } from '@querycost/core'

/** The figures a test expects of one table: every field stated, nothing approximate. */
export interface ExpectedTable {
  count: number
  rows: number
  affected: number
  errors: number
  operations?: Record<string, { count: number; rows: number; affected: number; errors: number }>
}

/** The parts of a report a test states exactly (durations vary, so they are left out). */
export interface Expected {
  count: number
  rows: number
  affected: number
  errors: number
  tables: Record<string, ExpectedTable>
}

function figures(s: CostStats): { count: number; rows: number; affected: number; errors: number } {
  return { count: s.count, rows: s.rows, affected: s.affected, errors: s.errors }
}

/**
 * The report reduced to its exact figures (no durations), in the shape of
 * {@link Expected}, so one `toEqual` states every number. Operation breakdowns are kept
 * only for tables where the expectation gives them.
 */
export function exactFigures(report: Pick<CostReport, 'total' | 'tables'>, expected?: Expected): Expected {
  const tables: Record<string, ExpectedTable> = {}
  for (const [key, t] of Object.entries(report.tables)) {
    const entry: ExpectedTable = figures(t)
    if (expected?.tables[key]?.operations !== undefined) {
      entry.operations = Object.fromEntries(Object.entries(t.operations).map(([verb, s]) => [verb, figures(s)]))
    }
    tables[key] = entry
  }
  return { ...figures(report.total), tables }
}

/** Adds one operation to an expectation being built up. */
export function addExpected(e: Expected, tables: string[], rows: number, affected: number, errors = 0, count = 1): void {
  e.count += count
  e.rows += rows
  e.affected += affected
  e.errors += errors
  for (const key of tables) {
    const t = e.tables[key] ?? { count: 0, rows: 0, affected: 0, errors: 0 }
    e.tables[key] = t
    t.count += count
    t.rows += rows
    t.affected += affected
    t.errors += errors
  }
}

/** An empty expectation. */
export function expected(): Expected {
  return { count: 0, rows: 0, affected: 0, errors: 0, tables: {} }
}

/** A seeded pseudo-random generator, so a failing run can be replayed. */
export function random(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Waits `ms` milliseconds. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))
