/**
 * The declared pg shapes this package uses internally (never exported); the ones
 * users see are in `types.ts`. Declared, not imported: the package never depends on
 * `pg` or `@types/pg` at build time.
 */

/** A query callback: `(err, result)`. */
export type PgCallback = (error: Error | null | undefined, result?: unknown) => void

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
