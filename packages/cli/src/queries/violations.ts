import type { Engine } from '../engine/engine.js'
import { limitClause, type QueryFilters, toNumber, whereClause } from './options.js'

/** A limit a route broke, how often, and the worst value seen. */
export interface ViolationCount {
  name: string
  limit: string
  table: string
  times: number
  worst: number
  threshold: number
}

/** Limit violations per route, limit and table, most frequent first. */
export async function violationCounts(engine: Engine, filters: QueryFilters, limit: number): Promise<ViolationCount[]> {
  const sql = `SELECT "name" AS v_name, "limit" AS v_limit, "table" AS v_table, count(*) AS c_times, max("value") AS c_worst, max("threshold") AS c_threshold
FROM violations ${whereClause(engine, filters, [], false)}
GROUP BY "name", "limit", "table"
ORDER BY c_times DESC, "name" ASC, "limit" ASC, "table" ASC ${limitClause(limit)}`
  return (await engine.query(sql)).map((row) => ({
    name: String(row.v_name),
    limit: String(row.v_limit),
    table: String(row.v_table),
    times: toNumber(row.c_times),
    worst: toNumber(row.c_worst),
    threshold: toNumber(row.c_threshold),
  }))
}
