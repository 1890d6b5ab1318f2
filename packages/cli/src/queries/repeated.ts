import type { Engine } from '../engine/engine.js'
import { limitClause, type QueryOptions, roundMs, toNumber, whereClause } from './options.js'

/** A statement shape that repeated within requests (N+1), summed over the window. */
export interface RepeatedCost {
  system: string
  fingerprint: string
  tables: string
  /** Requests in which it repeated, over how many routes (`route` is the first by name). */
  requests: number
  routes: number
  route: string
  count: number
  durationMs: number
  /** The most times it ran in one request. */
  maxPerRequest: number
}

/** Repeated statements, ordered by executions (`count`, also for rows/affected), `time` or `requests`. */
export async function repeatedCosts(engine: Engine, options: QueryOptions): Promise<RepeatedCost[]> {
  const order = options.by === 'time' ? 'c_ms' : options.by === 'requests' ? 'c_requests' : 'c_count'
  const sql = `SELECT "system" AS r_system, "fingerprint" AS r_fp, min("tables") AS r_tables, count(*) AS c_requests,
  count(DISTINCT "name") AS c_routes, min("name") AS r_route, sum("count") AS c_count, sum("durationMs") AS c_ms, max("count") AS c_max
FROM repeated ${whereClause(engine, options)}
GROUP BY "system", "fingerprint"
ORDER BY ${order} DESC, "system" ASC, "fingerprint" ASC ${limitClause(options.limit)}`
  return (await engine.query(sql)).map((row) => ({
    system: String(row.r_system),
    fingerprint: String(row.r_fp),
    tables: String(row.r_tables),
    requests: toNumber(row.c_requests),
    routes: toNumber(row.c_routes),
    route: String(row.r_route),
    count: toNumber(row.c_count),
    durationMs: roundMs(toNumber(row.c_ms)),
    maxPerRequest: toNumber(row.c_max),
  }))
}
