import { openClickHouse } from '../engine/clickhouse.js'
import { openDuckDb } from '../engine/duckdb.js'
import { readIntoDuckDb } from '../engine/duckdb-read.js'
import type { Engine } from '../engine/engine.js'
import { describeBadLines } from '../input/read-reports.js'
import type { CliArgs } from './args.js'
import type { CliIo } from './io.js'

/**
 * The engine a query command runs on: ClickHouse when `--clickhouse` is given, else an
 * in-memory DuckDB holding the files read (bad lines are reported on standard error).
 */
export async function openSource(args: CliArgs, files: readonly string[], io: CliIo): Promise<Engine> {
  if (args.clickhouse !== undefined) {
    if (files.length > 0)
      throw new Error('with --clickhouse the reports come from the server: load files with `querycost load`, and name none here')
    return openClickHouse(args.clickhouse, args.database)
  }
  // Nothing named and a terminal for input: no reports to wait for. `sql` may still read files itself (read_parquet).
  const interactive = files.length === 0 && (io.stdin as { isTTY?: boolean }).isTTY === true
  if (interactive && args.command !== 'sql')
    throw new Error('name the JSON-lines files to read (or pipe them in): querycost routes cost.jsonl')
  const engine = await openDuckDb()
  if (interactive) return engine
  try {
    const stats = await readIntoDuckDb(engine, files, { stderr: io.stderr, stdin: io.stdin, progress: args.progress })
    for (const line of describeBadLines(stats)) io.stderr.write(`${line}\n`)
    if (stats.reports === 0 && stats.badLines > 0) throw new Error('no cost report was read: is this a querycost JSON-lines file?')
    return engine
  } catch (error) {
    await engine.close()
    throw error
  }
}
