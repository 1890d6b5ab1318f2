import type { RowSink } from '../input/flatten.js'
import type { ClickHouseEngine } from './clickhouse.js'
import { SCHEMA, type TableName } from './schema.js'

const BATCH_ROWS = 50_000

/** A sink that inserts rows into ClickHouse as JSONEachRow, in batches. */
export function clickHouseSink(engine: ClickHouseEngine): RowSink & { rows: number } {
  const tables = new Map(SCHEMA.map((table) => [table.name, table.columns]))
  const batches = new Map<TableName, Record<string, unknown>[]>(SCHEMA.map((table) => [table.name, []]))
  const sink = {
    rows: 0,
    add(table: TableName, values: unknown[]) {
      const columns = tables.get(table)!
      const row: Record<string, unknown> = {}
      for (let i = 0; i < columns.length; i++) {
        const [name, kind] = columns[i]!
        // DateTime takes whole seconds since the epoch; startedMs keeps the milliseconds.
        row[name] = kind === 'datetime' ? Math.floor((values[i] as number) / 1000) : values[i]
      }
      batches.get(table)!.push(row)
    },
    async flush(final: boolean) {
      for (const [table, batch] of batches) {
        if (batch.length === 0 || (!final && batch.length < BATCH_ROWS)) continue
        batches.set(table, [])
        sink.rows += batch.length
        await engine.client.insert({ table, values: batch, format: 'JSONEachRow' })
      }
    },
  }
  return sink
}
