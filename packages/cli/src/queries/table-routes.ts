import type { Engine } from '../engine/engine.js'
import { type CostFigures, figures, limitClause, orderColumn, type QueryOptions, SUMS, toNumber, whereClause } from './options.js'

/** A route behind one table's cost, with its operations on that table (`SELECT 30, UPDATE 2`). */
export interface TableRoute extends CostFigures {
  name: string
  operations: string
}

/** Splits `pg:orders` (or `pg:analytics.events`) into system and table; the error names the form. */
export function parseTableKey(key: string): { system: string; table: string } {
  const at = key.indexOf(':')
  if (at <= 0 || at === key.length - 1) throw new Error(`"${key}" is not a table key: write system:table, as in pg:orders`)
  return { system: key.slice(0, at), table: key.slice(at + 1) }
}

/** The routes that drive one table's cost, costliest first. */
export async function tableRoutes(engine: Engine, key: string, options: QueryOptions): Promise<TableRoute[]> {
  const { system, table } = parseTableKey(key)
  const on = [`"system" = ${engine.literal(system)}`, `"table" = ${engine.literal(table)}`]
  const where = whereClause(engine, options, on, false)
  const sql = `SELECT "name" AS route, ${SUMS} FROM cost_rows ${where}
GROUP BY "name" ORDER BY ${orderColumn(options.by)} DESC, "name" ASC ${limitClause(options.limit)}`
  const routes = await engine.query(sql)
  const ops = await engine.query(`SELECT "name" AS route, "operation" AS op, sum("count") AS c_count FROM cost_rows ${where}
GROUP BY "name", "operation" ORDER BY c_count DESC, "operation" ASC`)
  const byRoute = new Map<string, string[]>()
  for (const row of ops) {
    const list = byRoute.get(String(row.route)) ?? []
    list.push(`${row.op} ${toNumber(row.c_count)}`)
    byRoute.set(String(row.route), list)
  }
  return routes.map((row) => ({ name: String(row.route), ...figures(row), operations: (byRoute.get(String(row.route)) ?? []).join(', ') }))
}
