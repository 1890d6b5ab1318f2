/**
 * The declared node-postgres types users see (exported from `index.ts`): the small structural
 * subset this package touches, so it never depends on the driver or its typings at
 * build time. Shapes used only inside are in `internal-types.ts`.
 */

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

/** The `pg` module, as ORMs receive it (`dialectModule`, a driver option). */
export interface PgModuleLike {
  Pool: new (...args: never[]) => PgPoolLike
  Client: new (...args: never[]) => PgClientLike
}
