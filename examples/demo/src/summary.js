import { toRows } from '@querycost/core'

function emptyRoute(name) {
  return { route: name, requests: 0, queries: 0, rows: 0, affected: 0, errors: 0, items: 0, dbWallMs: 0, poolWaitMs: 0 }
}

/**
 * Adds the reports up per route: requests, operations, rows, rows written, and the
 * time with a query in flight. `responses` (from the traffic) adds what each route
 * returned, to compare with the rows it read.
 */
export function perRoute(reports, responses = []) {
  const routes = new Map()
  const entry = (name) => routes.get(name) ?? routes.set(name, emptyRoute(name)).get(name)
  for (const report of reports) {
    const route = entry(report.name)
    route.requests += 1
    route.queries += report.total.count
    route.rows += report.total.rows
    route.affected += report.total.affected
    route.errors += report.total.errors
    route.dbWallMs += report.dbWallMs
    route.poolWaitMs += report.poolWaitMs
  }
  for (const response of responses) entry(response.route).items += response.items
  return [...routes.values()].sort((a, b) => b.queries - a.queries || a.route.localeCompare(b.route))
}

/**
 * Adds the reports up per table, through `toRows` (one row per system, table and
 * operation: the shape a warehouse would store). A join counts in each of its tables.
 */
export function perTable(reports) {
  const tables = new Map()
  for (const report of reports) {
    for (const row of toRows(report)) {
      const key = `${row.system}:${row.table}`
      let table = tables.get(key)
      if (table === undefined) {
        table = { table: key, queries: 0, rows: 0, affected: 0, errors: 0, durationMs: 0, operations: {}, routes: new Set() }
        tables.set(key, table)
      }
      table.queries += row.count
      table.rows += row.rows
      table.affected += row.affected
      table.errors += row.errors
      table.durationMs += row.durationMs
      table.operations[row.operation] = (table.operations[row.operation] ?? 0) + row.count
      table.routes.add(row.name)
    }
  }
  return [...tables.values()]
    .map((table) => ({ ...table, routes: [...table.routes].sort() }))
    .sort((a, b) => b.queries - a.queries || a.table.localeCompare(b.table))
}

/** Which systems the reports touched, and the totals over every request. */
export function totals(reports) {
  const total = { requests: reports.length, queries: 0, rows: 0, affected: 0, errors: 0 }
  const systems = new Set()
  for (const report of reports) {
    total.queries += report.total.count
    total.rows += report.total.rows
    total.affected += report.total.affected
    total.errors += report.total.errors
    for (const system of Object.keys(report.systems)) systems.add(system)
  }
  return { ...total, systems: [...systems].sort() }
}
