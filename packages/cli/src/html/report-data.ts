import type { Engine } from '../engine/engine.js'
import { type CompareResult, compareWindows } from '../queries/compare.js'
import { type CostFigures, figures, type QueryOptions, SUMS, toNumber, whereClause } from '../queries/options.js'
import { type RepeatedCost, repeatedCosts } from '../queries/repeated.js'
import { type RouteCost, routeCosts } from '../queries/routes.js'
import { type TableCost, tableCosts } from '../queries/tables.js'
import type { TimeWindow } from '../queries/time-window.js'
import { type ViolationCount, violationCounts } from '../queries/violations.js'

/** Everything the HTML page shows, gathered with the same queries as the commands. */
export interface ReportData {
  summary: CostFigures & { requests: number; routes: number; firstMs: number | null; lastMs: number | null }
  routes: RouteCost[]
  tables: TableCost[]
  breakdowns: { route: string; tables: TableCost[] }[]
  repeated: RepeatedCost[]
  violations: ViolationCount[]
  compare?: { before: TimeWindow; after: TimeWindow; result: CompareResult }
}

const TOP = 10

/** Runs the page's queries. `compare` is set when both windows are given. */
export async function gatherReport(
  engine: Engine,
  options: QueryOptions,
  compare?: { before: TimeWindow; after: TimeWindow },
): Promise<ReportData> {
  const [total] = await engine.query(
    `SELECT count(*) AS c_requests, count(DISTINCT "name") AS c_routes, ${SUMS}, min("startedMs") AS c_first, max("startedMs") AS c_last FROM requests ${whereClause(engine, options, [], false)}`,
  )
  const requests = toNumber(total?.c_requests)
  const top = { ...options, limit: TOP }
  const routes = await routeCosts(engine, top)
  const breakdowns = []
  for (const route of routes.slice(0, 8))
    breakdowns.push({ route: route.name, tables: await tableCosts(engine, { ...top, route: route.name, limit: 8 }) })
  const data: ReportData = {
    summary: {
      requests,
      routes: toNumber(total?.c_routes),
      ...figures(total ?? {}),
      firstMs: requests > 0 ? toNumber(total?.c_first) : null,
      lastMs: requests > 0 ? toNumber(total?.c_last) : null,
    },
    routes,
    tables: await tableCosts(engine, top),
    breakdowns,
    repeated: await repeatedCosts(engine, { ...options, by: 'count', limit: 15 }),
    violations: await violationCounts(engine, options, 30),
  }
  if (compare) data.compare = { ...compare, result: await compareWindows(engine, compare.before, compare.after, top) }
  return data
}
