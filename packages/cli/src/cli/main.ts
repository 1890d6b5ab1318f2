import { runExport } from '../commands/export-command.js'
import { runLoad } from '../commands/load-command.js'
import { argumentCount, QUERY_COMMANDS, runQueryCommand } from '../commands/query-command.js'
import { runReport } from '../commands/report-command.js'
import type { DuckDbEngine } from '../engine/duckdb.js'
import { parseCli } from './args.js'
import { HELP } from './help.js'
import { type CliIo, processIo } from './io.js'
import { openSource } from './source.js'

const COMMANDS = new Set<string>([...QUERY_COMMANDS, 'report', 'load', 'export'])

/**
 * Runs the `querycost` command line and resolves with its exit code: 0, 1 for an
 * error (one line on standard error, naming the fix), 2 for a usage mistake.
 *
 * @example
 * process.exitCode = await main(['routes', 'cost.jsonl', '--by', 'count'])
 */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let args: ReturnType<typeof parseCli>
  try {
    args = parseCli(argv)
  } catch (error) {
    io.stderr.write(`querycost: ${(error as Error).message}\nRun querycost --help for the commands and options.\n`)
    return 2
  }
  if (args.help || args.command === 'help') {
    io.stdout.write(HELP)
    return 0
  }
  if (!COMMANDS.has(args.command)) {
    io.stderr.write(`querycost: unknown command "${args.command}". Commands: ${[...COMMANDS].join(', ')}.\n`)
    return 2
  }
  const needs = argumentCount(args.command)
  if (args.positionals.length < needs) {
    io.stderr.write(`querycost: ${args.command} needs ${args.command === 'table' ? 'a table, as in pg:orders' : 'a query in quotes'}\n`)
    return 2
  }
  const files = args.positionals.slice(needs)
  try {
    if (args.command === 'load') {
      io.stdout.write(await runLoad(args, files, io))
      return 0
    }
    if (args.command === 'export' && args.clickhouse !== undefined)
      throw new Error('export reads files (with DuckDB); leave out --clickhouse')
    const engine = await openSource(args, files, io)
    try {
      if (args.command === 'export') io.stdout.write(await runExport(engine as DuckDbEngine, args))
      else if (args.command === 'report')
        io.stdout.write(await runReport(engine, args, args.clickhouse ?? (files.join(', ') || 'standard input')))
      else io.stdout.write(await runQueryCommand(engine, args))
    } finally {
      await engine.close()
    }
    return 0
  } catch (error) {
    io.stderr.write(`querycost: ${(error as Error).message}\n`)
    return 1
  }
}
