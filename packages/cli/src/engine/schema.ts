/** A column's kind; each engine maps it to its own type. */
export type ColumnKind = 'string' | 'int' | 'float' | 'date' | 'datetime'

/** One loaded table: its columns in order, and the ClickHouse sort key. */
export interface TableSchema {
  name: TableName
  columns: ReadonlyArray<readonly [string, ColumnKind]>
  orderBy: readonly string[]
}

/** The five tables every engine holds (the `toRows` rows and what the rows alone cannot answer). */
export type TableName = 'cost_rows' | 'requests' | 'request_systems' | 'repeated' | 'violations'

const WHEN = [
  ['name', 'string'],
  ['day', 'date'],
  ['startedAt', 'datetime'],
  ['startedMs', 'int'],
] as const
const STATS = [
  ['count', 'int'],
  ['durationMs', 'float'],
  ['rows', 'int'],
  ['affected', 'int'],
  ['errors', 'int'],
] as const

/** The schema shared by DuckDB, ClickHouse and the docs (docs/cli.md lists it). */
export const SCHEMA: readonly TableSchema[] = [
  {
    name: 'cost_rows',
    columns: [...WHEN, ['system', 'string'], ['table', 'string'], ['operation', 'string'], ...STATS],
    orderBy: ['name', 'system', 'table'],
  },
  {
    name: 'requests',
    columns: [...WHEN, ['wallMs', 'float'], ['dbWallMs', 'float'], ['poolWaitMs', 'float'], ...STATS, ['violations', 'int']],
    orderBy: ['name', 'startedMs'],
  },
  {
    name: 'request_systems',
    columns: [...WHEN, ['system', 'string'], ['wallMs', 'float'], ['poolWaitMs', 'float'], ...STATS],
    orderBy: ['name', 'system'],
  },
  {
    name: 'repeated',
    columns: [...WHEN, ['system', 'string'], ['fingerprint', 'string'], ['tables', 'string'], ['count', 'int'], ['durationMs', 'float']],
    orderBy: ['name', 'system', 'fingerprint'],
  },
  {
    name: 'violations',
    columns: [...WHEN, ['limit', 'string'], ['table', 'string'], ['value', 'float'], ['threshold', 'float']],
    orderBy: ['name', 'limit'],
  },
]

/** Quotes an identifier the way both DuckDB and ClickHouse accept (several are keywords: table, rows, limit). */
export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`
}
