/**
 * The small structural subset of node-postgres that this package touches, declared
 * here so the package never depends on `pg` or `@types/pg` at build time.
 */

/** A query callback: `(err, result)`. */
export type PgCallback = (error: Error | null | undefined, result?: unknown) => void

/** `pg.Client`, or anything with its `query` (a pooled client is a `pg.Client`). */
export interface PgClientLike {
  query(...args: unknown[]): unknown
  connect?(...args: unknown[]): unknown
}

/** `pg.Pool` (pg-pool). */
export interface PgPoolLike extends PgClientLike {
  connect(...args: unknown[]): unknown
  totalCount?: number
}

/** A pg `Result`. */
export interface PgResultLike {
  command?: string | null
  rowCount?: number | null
  rows?: unknown[]
}

/** Anything `client.query` accepts with a `submit` method: pg.Query, pg-cursor, pg-query-stream. */
export interface PgSubmittableLike {
  submit(connection: unknown): void
  text?: string
  cursor?: { text?: string }
  callback?: PgCallback
  [handler: string]: unknown
}

/** The `pg` module, as ORMs receive it (`dialectModule`, a driver option). */
export interface PgModuleLike {
  Pool: new (...args: never[]) => PgPoolLike
  Client: new (...args: never[]) => PgClientLike
}
