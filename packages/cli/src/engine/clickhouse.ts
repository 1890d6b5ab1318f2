import { type ClickHouseClient, createClient } from '@clickhouse/client'
import { type Engine, plainValue, type ResultRow } from './engine.js'
import { type ColumnKind, ident, SCHEMA } from './schema.js'

const CH_TYPES: Record<ColumnKind, string> = {
  string: 'String',
  int: 'Int64',
  float: 'Float64',
  date: 'Date',
  datetime: 'DateTime',
}

/** The ClickHouse engine, with its client for loading. */
export interface ClickHouseEngine extends Engine {
  readonly client: ClickHouseClient
  readonly database: string
}

/**
 * The DDL of the five tables in `database`: MergeTree, partitioned by day, sorted by
 * route (and table). Types and syntax that ClickHouse 18.16 already had, so the same
 * DDL runs on a current server. docs/cli-clickhouse.sql is this text.
 */
export function clickhouseDdl(database: string): string[] {
  return SCHEMA.map((table) => {
    const columns = table.columns.map(([name, kind]) => `  ${ident(name)} ${CH_TYPES[kind]}`).join(',\n')
    const order = table.orderBy.map(ident).join(', ')
    return `CREATE TABLE IF NOT EXISTS ${ident(database)}.${table.name} (\n${columns}\n) ENGINE = MergeTree()\nPARTITION BY "day"\nORDER BY (${order})`
  })
}

/**
 * Connects to ClickHouse over HTTP. The database is the URL's path (`http://host:8123/querycost`)
 * or `database` (default `querycost`); `create` makes it and its tables when missing.
 */
export async function openClickHouse(url: string, database?: string, create = false): Promise<ClickHouseEngine> {
  const parsed = new URL(url)
  const db = database ?? (parsed.pathname.replace(/^\/+|\/+$/g, '') || 'querycost')
  parsed.pathname = '/'
  const base = parsed.toString()
  if (create) {
    const admin = createClient({ url: base, keep_alive: { enabled: false } })
    try {
      await admin.command({ query: `CREATE DATABASE IF NOT EXISTS ${ident(db)}` })
      for (const ddl of clickhouseDdl(db)) await admin.command({ query: ddl })
    } catch (error) {
      throw reachError(base, error)
    } finally {
      await admin.close()
    }
  }
  // No keep-alive: an old server closes idle sockets after 3 s, and on a busy machine the
  // client may reuse one just after (EPIPE in the middle of an insert). A batch is large
  // enough that a connection each costs nothing that shows.
  const client = createClient({ url: base, database: db, keep_alive: { enabled: false } })
  return {
    kind: 'clickhouse',
    client,
    database: db,
    async query(sql) {
      let rows: Record<string, unknown>[]
      try {
        const result = await client.query({
          query: sql,
          format: 'JSONEachRow',
          clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
        })
        rows = await result.json<Record<string, unknown>>()
      } catch (error) {
        throw reachError(base, error)
      }
      return rows.map((row) => {
        const out: ResultRow = {}
        for (const [key, value] of Object.entries(row)) out[key] = plainValue(value)
        return out
      })
    },
    // ClickHouse reads backslash escapes in literals; DuckDB does not, hence one quoting per engine.
    literal: (value) => `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`,
    close: () => client.close(),
  }
}

function reachError(url: string, error: unknown): Error {
  const message = (error as Error)?.message ?? String(error)
  if (/ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|socket hang up/.test(message)) {
    return new Error(`cannot reach ClickHouse at ${url} (${message}): is the server running and its HTTP port right?`)
  }
  return error instanceof Error ? error : new Error(message)
}
