import type Bluebird from 'bluebird'
import type { Db } from './clients.js'
import { TABLE } from './fixtures.js'
import { addExpected, type Expected, rowsOf, type Scenario, stepsOf } from './harness.js'

type B = typeof Bluebird
const ks = (i: number): number[] => Array.from({ length: stepsOf(i) }, (_, s) => rowsOf(i, s))

/**
 * Bluebird as the application's promise: `then`, `delay`, `map` with a concurrency and
 * `each` over the driver's own promises. Every request starts its chain in the same
 * tick from an already-settled promise, so without hooks Bluebird runs all their first
 * callbacks in one drain, in the first request's context.
 */
export function bluebirdChain(P: B, db: Db): Scenario {
  const op = (e: Expected, k: number) => {
    addExpected(e, [db.table], k, 0)
    return db.promise(k)
  }
  return (i, e) =>
    P.resolve()
      .then(() => op(e, 1))
      .delay(1)
      .then(() => P.map(ks(i), (k) => op(e, k), { concurrency: 2 }))
      .then(() => P.each([rowsOf(i, 9)], (k) => op(e, k)))
}

/** Something with Bluebird promises per operation: a promisifyAll-ed client, or a driver given Bluebird as its `Promise`. */
type BluebirdQuery = (k: number) => Bluebird<unknown>

/** The chain over operations whose promises are Bluebird's own. */
export function bluebirdOps(P: B, table: string, query: BluebirdQuery): Scenario {
  const op = (e: Expected, k: number) => {
    addExpected(e, [table], k, 0)
    return query(k)
  }
  return (i, e) =>
    P.resolve()
      .then(() => op(e, 1))
      .then(() => P.map(ks(i), (k) => op(e, k), { concurrency: 2 }))
      .delay(1)
      .then(() => P.each([rowsOf(i, 7)], (k) => op(e, k)))
}

/** The part of a promisifyAll-ed mysql2 callback pool the scenario uses. */
export interface PromisifiedPool {
  getConnectionAsync(): Bluebird<{ release(): void; queryAsync?: (sql: string, values: unknown[]) => Bluebird<unknown> }>
}

/**
 * A promisifyAll-ed mysql2 callback pool: `getConnectionAsync`, then `queryAsync` on the
 * connection (promisifyAll-ed too), released at the end.
 */
export function promisifiedMysql(P: B, pool: PromisifiedPool): Scenario {
  return (i, e) =>
    P.resolve()
      .then(() => pool.getConnectionAsync())
      .then((conn) => {
        const c = P.promisifyAll(conn) as unknown as { queryAsync(sql: string, values: unknown[]): Bluebird<unknown>; release(): void }
        return P.each(ks(i), (k) => {
          addExpected(e, [`mysql:${TABLE}`], k, 0)
          return c.queryAsync(`SELECT * FROM ${TABLE} WHERE id <= ?`, [k])
        }).finally(() => c.release())
      })
}
