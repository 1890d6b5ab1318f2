import type { CliArgs } from '../cli/args.js'
import type { CliIo } from '../cli/io.js'
import { openClickHouse } from '../engine/clickhouse.js'
import { clickHouseSink } from '../engine/clickhouse-sink.js'
import { describeBadLines, readReports } from '../input/read-reports.js'

/** `querycost load --clickhouse URL files…`: creates the database and tables if missing, then inserts. */
export async function runLoad(args: CliArgs, files: readonly string[], io: CliIo): Promise<string> {
  if (args.clickhouse === undefined) throw new Error('load needs --clickhouse URL (for example http://127.0.0.1:8123/querycost)')
  const engine = await openClickHouse(args.clickhouse, args.database, true)
  try {
    const sink = clickHouseSink(engine)
    const stats = await readReports(files, sink, { stderr: io.stderr, stdin: io.stdin, progress: args.progress })
    for (const line of describeBadLines(stats)) io.stderr.write(`${line}\n`)
    return `loaded ${stats.reports.toLocaleString('en-US')} reports (${sink.rows.toLocaleString('en-US')} rows) into ClickHouse database ${engine.database}\n`
  } finally {
    await engine.close()
  }
}
