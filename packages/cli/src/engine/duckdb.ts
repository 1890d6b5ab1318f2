import { DuckDBInstance } from '@duckdb/node-api'
import { type Engine, plainValue, type ResultRow } from './engine.js'
import { type ColumnKind, ident, SCHEMA } from './schema.js'

const DUCK_TYPES: Record<ColumnKind, string> = {
  string: 'VARCHAR',
  int: 'BIGINT',
  float: 'DOUBLE',
  date: 'DATE',
  datetime: 'TIMESTAMP',
}

/** The DuckDB engine, with `run` for statements that return nothing (loading, export). */
export interface DuckDbEngine extends Engine {
  run(sql: string): Promise<void>
}

/** An in-memory DuckDB holding the five empty tables of the schema. */
export async function openDuckDb(): Promise<DuckDbEngine> {
  const instance = await DuckDBInstance.create(':memory:')
  const connection = await instance.connect()
  // Reports' times are UTC; so are days and windows.
  await connection.run("SET TimeZone = 'UTC'")
  for (const table of SCHEMA) {
    const columns = table.columns.map(([name, kind]) => `${ident(name)} ${DUCK_TYPES[kind]}`).join(', ')
    await connection.run(`CREATE TABLE ${table.name} (${columns})`)
  }
  return {
    kind: 'duckdb',
    async query(sql) {
      const reader = await connection.runAndReadAll(sql)
      const names = reader.columnNames()
      return reader.getRowsJS().map((values) => {
        const row: ResultRow = {}
        names.forEach((name, i) => {
          row[name] = plainValue(values[i])
        })
        return row
      })
    },
    async run(sql) {
      await connection.run(sql)
    },
    literal: (value) => `'${value.replaceAll("'", "''")}'`,
    async close() {
      connection.closeSync()
      instance.closeSync()
    },
  }
}
