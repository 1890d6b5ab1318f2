import { promisify } from 'node:util'
import type { Db } from './clients.js'
import { addExpected, type Expected, rowsOf, type Scenario, stepsOf } from './harness.js'

/** Records one operation of `k` rows in the expectation, then starts it. */
function expect(e: Expected, db: Db, k: number): void {
  addExpected(e, [db.table], k, 0)
}

function checked(k: number, rows: number | undefined): void {
  if (rows !== k) throw new Error(`expected ${k} rows, got ${rows}`)
}

/** Callbacks: each operation is started from the previous one's callback. */
export function callbacks(db: Db, pause?: (next: () => void, step: number) => void): Scenario {
  return (i, e) =>
    new Promise<void>((resolve, reject) => {
      const step = (s: number): void => {
        if (s === stepsOf(i)) {
          resolve()
          return
        }
        const k = rowsOf(i, s)
        expect(e, db, k)
        db.callback(k, (err, rows) => {
          if (err) return reject(err)
          checked(k, rows)
          if (pause === undefined) step(s + 1)
          else pause(() => step(s + 1), s)
        })
      }
      step(0)
    })
}

/** Timers between operations: setTimeout and setImmediate scheduled from the driver's callback. */
export function timers(db: Db): Scenario {
  return callbacks(db, (next, s) => (s % 2 === 0 ? setTimeout(next, s % 3) : setImmediate(next)))
}

/** Native promises: a `.then` chain, no async/await. */
export function promises(db: Db): Scenario {
  return (i, e) => {
    let chain: Promise<unknown> = Promise.resolve()
    for (let s = 0; s < stepsOf(i); s++) {
      const k = rowsOf(i, s)
      chain = chain.then(() => {
        expect(e, db, k)
        return db.promise(k).then((rows) => checked(k, rows))
      })
    }
    return chain
  }
}

/** async/await. */
export function asyncAwait(db: Db): Scenario {
  return async (i, e) => {
    for (let s = 0; s < stepsOf(i); s++) {
      const k = rowsOf(i, s)
      expect(e, db, k)
      checked(k, await db.promise(k))
    }
  }
}

/**
 * A lazy thenable returned to the runner, as a query builder is: nothing is sent until
 * the runner calls its `then`.
 */
export function lazyThenable(db: Db): Scenario {
  const run = asyncAwait(db)
  return (i, e) => ({
    // biome-ignore lint/suspicious/noThenProperty: a lazy thenable is the style under test
    then: (onFulfilled: (value: unknown) => unknown, onRejected: (error: unknown) => unknown) =>
      (run(i, e) as Promise<unknown>).then(onFulfilled, onRejected),
  })
}

/** util.promisify over the callback API. */
export function utilPromisify(db: Db): Scenario {
  const query = promisify(db.callback) as (k: number) => Promise<number>
  return async (i, e) => {
    for (let s = 0; s < stepsOf(i); s++) {
      const k = rowsOf(i, s)
      expect(e, db, k)
      checked(k, await query(k))
    }
  }
}
