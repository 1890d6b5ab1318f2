import type { CliArgs } from '../cli/args.js'
import type { DuckDbEngine } from '../engine/duckdb.js'
import { SCHEMA } from '../engine/schema.js'

/** `querycost export --parquet out.parquet [--table name]`: one table (default cost_rows) as a Parquet file. */
export async function runExport(engine: DuckDbEngine, args: CliArgs): Promise<string> {
  if (args.parquet === undefined) throw new Error('export needs --parquet FILE')
  const table = args.table ?? 'cost_rows'
  if (!SCHEMA.some((t) => t.name === table)) throw new Error(`--table ${table}: one of ${SCHEMA.map((t) => t.name).join(', ')}`)
  await engine.run(`COPY ${table} TO ${engine.literal(args.parquet)} (FORMAT parquet)`)
  const [row] = await engine.query(`SELECT count(*) AS n FROM ${table}`)
  return `wrote ${Number(row?.n ?? 0).toLocaleString('en-US')} rows of ${table} to ${args.parquet}\n`
}
