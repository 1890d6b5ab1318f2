import type { Engine, ResultRow } from '../engine/engine.js'

/** What a query command can be ordered by: `time` is the summed operation time. */
export type OrderKey = 'count' | 'time' | 'rows' | 'affected' | 'errors' | 'requests'

/** Which reports a query looks at: a time window (epoch ms, `until` exclusive), a route, a system. */
export interface QueryFilters {
  since?: number
  until?: number
  /** A route name; `*` matches any run of characters (`GET /users*`). */
  route?: string
  system?: string
}

/** Filters, plus the order and how many lines to keep. */
export interface QueryOptions extends QueryFilters {
  by: OrderKey
  limit: number
}

/** The five summed figures every answer carries, durations rounded to the µs. */
export interface CostFigures {
  count: number
  durationMs: number
  rows: number
  affected: number
  errors: number
}

/** The SQL that sums the five figures into `c_count`, `c_ms`, `c_rows`, `c_affected`, `c_errors`. */
// Aliases differ from the column names: ClickHouse substitutes aliases everywhere, so `sum("count") AS "count"` loops.
export const SUMS =
  'sum("count") AS c_count, sum("durationMs") AS c_ms, sum("rows") AS c_rows, sum("affected") AS c_affected, sum("errors") AS c_errors'

/** The alias an order key sorts on. */
export function orderColumn(by: OrderKey, requests = 'c_count'): string {
  switch (by) {
    case 'count':
      return 'c_count'
    case 'time':
      return 'c_ms'
    case 'rows':
      return 'c_rows'
    case 'affected':
      return 'c_affected'
    case 'errors':
      return 'c_errors'
    case 'requests':
      return requests
  }
}

/** `WHERE …` for the filters (and any extra conditions), or nothing. */
export function whereClause(engine: Engine, filters: QueryFilters, extra: string[] = [], withSystem = true): string {
  const parts = [...extra]
  if (filters.since !== undefined) parts.push(`"startedMs" >= ${Math.trunc(filters.since)}`)
  if (filters.until !== undefined) parts.push(`"startedMs" < ${Math.trunc(filters.until)}`)
  if (filters.route !== undefined) {
    parts.push(
      filters.route.includes('*')
        ? `"name" LIKE ${engine.literal(filters.route.replaceAll('*', '%'))}`
        : `"name" = ${engine.literal(filters.route)}`,
    )
  }
  if (withSystem && filters.system !== undefined) parts.push(`"system" = ${engine.literal(filters.system)}`)
  return parts.length === 0 ? '' : `WHERE ${parts.join(' AND ')}`
}

/** Reads the five sums of a row. */
export function figures(row: ResultRow): CostFigures {
  return {
    count: toNumber(row.c_count),
    durationMs: roundMs(toNumber(row.c_ms)),
    rows: toNumber(row.c_rows),
    affected: toNumber(row.c_affected),
    errors: toNumber(row.c_errors),
  }
}

/** A number from an engine's value (ClickHouse may send 64-bit integers as text). */
export function toNumber(value: unknown): number {
  return typeof value === 'number' ? value : Number(value ?? 0)
}

/** Rounds to three decimals: µs for milliseconds, and the same answer whatever order an engine summed in. */
export function roundMs(ms: number): number {
  return Math.round(ms * 1000) / 1000
}

/** `LIMIT n`, or nothing for no limit. */
export function limitClause(limit: number): string {
  return Number.isFinite(limit) && limit > 0 ? `LIMIT ${Math.trunc(limit)}` : ''
}
