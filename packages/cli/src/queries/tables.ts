import type { Engine } from '../engine/engine.js'
import { type CostFigures, figures, limitClause, orderColumn, type QueryOptions, SUMS, toNumber, whereClause } from './options.js'

/** One table's cost over the window (`key` is `system:table`), and how many routes touched it. */
export interface TableCost extends CostFigures {
  key: string
  system: string
  table: string
  routes: number
}

/** The costliest tables, from the `toRows` rows (a join counts in each of its tables). */
export async function tableCosts(engine: Engine, options: QueryOptions): Promise<TableCost[]> {
  const sql = `SELECT "system" AS t_system, "table" AS t_table, count(DISTINCT "name") AS c_routes, ${SUMS}
FROM cost_rows ${whereClause(engine, options)}
GROUP BY "system", "table"
ORDER BY ${orderColumn(options.by)} DESC, "system" ASC, "table" ASC ${limitClause(options.limit)}`
  return (await engine.query(sql)).map((row) => ({
    key: `${row.t_system}:${row.t_table}`,
    system: String(row.t_system),
    table: String(row.t_table),
    routes: toNumber(row.c_routes),
    ...figures(row),
  }))
}
