import type { Engine } from '../engine/engine.js'
import { type CostFigures, figures, limitClause, orderColumn, type QueryOptions, roundMs, SUMS, toNumber, whereClause } from './options.js'

/** One route's cost over the window: summed figures, requests, and per-request averages. */
export interface RouteCost extends CostFigures {
  name: string
  requests: number
  countPerRequest: number
  durationMsPerRequest: number
  wallMsPerRequest: number
  poolWaitMs: number
}

/**
 * The costliest routes. Figures are the reports' own totals (a join counts once), or,
 * with `system`, that system's figures in the requests that used it.
 */
export async function routeCosts(engine: Engine, options: QueryOptions): Promise<RouteCost[]> {
  const from = options.system === undefined ? 'requests' : 'request_systems'
  const sql = `SELECT "name" AS route, count(*) AS c_requests, ${SUMS}, sum("wallMs") AS c_wall, sum("poolWaitMs") AS c_wait
FROM ${from} ${whereClause(engine, options)}
GROUP BY "name"
ORDER BY ${orderColumn(options.by, 'c_requests')} DESC, "name" ASC ${limitClause(options.limit)}`
  return (await engine.query(sql)).map((row) => {
    const requests = toNumber(row.c_requests)
    const f = figures(row)
    return {
      name: String(row.route),
      requests,
      ...f,
      countPerRequest: roundMs(f.count / requests),
      durationMsPerRequest: roundMs(f.durationMs / requests),
      wallMsPerRequest: roundMs(toNumber(row.c_wall) / requests),
      poolWaitMs: roundMs(toNumber(row.c_wait)),
    }
  })
}
