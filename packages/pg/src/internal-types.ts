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

/**
 * The private fields of a pg `Client` (pg 8.17 and later, JavaScript and native clients)
 * that tell which `Query` a promise-form `query()` just made (`made-query.ts`). Every one
 * optional: an older or newer pg without them is followed through its promise instead.
 */
export interface PgClientQueues {
  _queryQueue?: unknown
  _activeQuery?: unknown
  /** pg 8.23 and later: the queries written on a pipelined connection, not yet answered. */
  _sentQueryQueue?: unknown
  pipeline?: unknown
  connectionParameters?: { query_timeout?: unknown } | null
  listenerCount?(event: string): number
}

/** A pg `Query` as the client queues it: its `callback` is the one pg calls when it ends. */
export interface PgQueryLike {
  callback?: unknown
  handleReadyForQuery?: unknown
}
