/** A row of a query's answer: plain numbers and strings, whichever engine gave it. */
export type ResultRow = Record<string, string | number | boolean | null>

/**
 * What every query command needs from an engine: run SQL over the schema in
 * `schema.ts`, and quote a string the engine's way.
 */
export interface Engine {
  readonly kind: 'duckdb' | 'clickhouse'
  query(sql: string): Promise<ResultRow[]>
  /** A string literal for this engine's SQL. */
  literal(value: string): string
  close(): Promise<void>
}

/** Turns an engine's value into a plain one: BigInt to number, dates to ISO text. */
export function plainValue(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null
  if (typeof value === 'bigint') return Number(value)
  if (value instanceof Date) return value.toISOString()
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value
  return String(value)
}
