import { parseArgs } from 'node:util'
import type { OutputFormat } from '../output/render.js'
import type { OrderKey, QueryOptions } from '../queries/options.js'
import { parseInstant } from '../queries/time-window.js'

/** The command line, parsed. */
export interface CliArgs {
  command: string
  positionals: string[]
  format: OutputFormat
  query: QueryOptions
  clickhouse?: string
  database?: string
  before?: string
  after?: string
  html?: string
  parquet?: string
  table?: string
  progress: boolean
  help: boolean
}

const ORDER_KEYS: readonly OrderKey[] = ['count', 'time', 'rows', 'affected', 'errors', 'requests']

/** Parses `argv` (without node and the script); a wrong option is an error naming the right ones. */
export function parseCli(argv: readonly string[]): CliArgs {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      by: { type: 'string' },
      limit: { type: 'string' },
      since: { type: 'string' },
      until: { type: 'string' },
      route: { type: 'string' },
      system: { type: 'string' },
      json: { type: 'boolean', default: false },
      csv: { type: 'boolean', default: false },
      clickhouse: { type: 'string' },
      database: { type: 'string' },
      before: { type: 'string' },
      after: { type: 'string' },
      html: { type: 'string' },
      parquet: { type: 'string' },
      table: { type: 'string' },
      progress: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  const [command = 'help', ...rest] = positionals
  const by = (values.by ?? (command === 'repeated' ? 'count' : 'time')) as OrderKey
  if (!ORDER_KEYS.includes(by)) throw new Error(`--by ${values.by}: order by one of ${ORDER_KEYS.join(', ')}`)
  const limit = values.limit === undefined ? 20 : Number(values.limit)
  if (!Number.isInteger(limit) || limit < 0) throw new Error(`--limit ${values.limit}: give a whole number (0 for no limit)`)
  if (values.json && values.csv) throw new Error('choose one of --json and --csv')
  const query: QueryOptions = { by, limit }
  if (values.since !== undefined) query.since = parseInstant(values.since)
  if (values.until !== undefined) query.until = parseInstant(values.until)
  if (values.route !== undefined) query.route = values.route
  if (values.system !== undefined) query.system = values.system
  const args: CliArgs = {
    command,
    positionals: rest,
    format: values.json ? 'json' : values.csv ? 'csv' : 'table',
    query,
    progress: values.progress === true,
    help: values.help === true,
  }
  for (const key of ['clickhouse', 'database', 'before', 'after', 'html', 'parquet', 'table'] as const) {
    if (values[key] !== undefined) args[key] = values[key]
  }
  return args
}
