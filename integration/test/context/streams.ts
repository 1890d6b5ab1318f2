import type { Redis } from 'ioredis'
import type mysql from 'mysql2'
import type pg from 'pg'
import QueryStream from 'pg-query-stream'
import { TABLE } from './fixtures.js'
import { addExpected, type Expected, rowsOf, type Scenario, stepsOf } from './harness.js'

/** Starts one streamed read of `k` rows; `done` is called from the stream's own 'end' or 'error' event. */
type Streamer = (k: number, e: Expected, done: (error?: unknown) => void) => void

/** Streams and event emitters: each next read is started from the previous one's 'end' event. */
function chained(stream: Streamer): Scenario {
  return (i, e) =>
    new Promise<void>((resolve, reject) => {
      const step = (s: number): void => {
        if (s === stepsOf(i)) {
          resolve()
          return
        }
        stream(rowsOf(i, s), e, (error) => (error ? reject(error) : step(s + 1)))
      }
      step(0)
    })
}

/** pg: a pg-query-stream on a client checked out with a callback, released at 'end'. */
export function pgStreams(pool: pg.Pool): Scenario {
  return chained((k, e, done) => {
    addExpected(e, [`pg:${TABLE}`], k, 0)
    pool.connect((err, client, release) => {
      if (err || client === undefined) return done(err)
      let rows = 0
      const stream = client.query(new QueryStream(`SELECT * FROM ${TABLE} WHERE id <= $1`, [k]))
      stream.on('data', () => rows++)
      stream.on('error', (error) => {
        release(error)
        done(error)
      })
      stream.on('end', () => {
        release()
        done(rows === k ? undefined : new Error(`got ${rows} rows`))
      })
    })
  })
}

/** mysql2: a pool query with no callback, read through its 'result' and 'end' events. */
export function mysqlEmitters(pool: mysql.Pool): Scenario {
  return chained((k, e, done) => {
    addExpected(e, [`mysql:${TABLE}`], k, 0)
    let rows = 0
    const query = pool.query(`SELECT * FROM ${TABLE} WHERE id <= ?`, [k])
    query.on('result', () => rows++)
    query.on('error', done)
    query.on('end', () => done(rows === k ? undefined : new Error(`got ${rows} rows`)))
  })
}

/** ioredis: a scanStream (one SCAN per page, its keys the rows), read through 'data' and 'end'. */
export function redisStreams(redis: Redis): Scenario {
  return chained((k, e, done) => {
    let pages = 0
    let keys = 0
    const stream = redis.scanStream({ match: 'qcx:*', count: 5 * k })
    stream.on('data', (page: string[]) => {
      pages++
      keys += page.length
    })
    stream.on('error', done)
    stream.on('end', () => {
      addExpected(e, ['redis:(none)'], keys, 0, 0, pages)
      done()
    })
  })
}

/**
 * A busy pool: each request checks a connection out with a callback, queries on it and
 * holds it a moment, so most checkouts are served by another request's release.
 */
export function pgBusyPool(pool: pg.Pool): Scenario {
  return chained((k, e, done) => {
    addExpected(e, [`pg:${TABLE}`], k, 0)
    pool.connect((err, client, release) => {
      if (err || client === undefined) return done(err)
      client.query(`SELECT * FROM ${TABLE} WHERE id <= $1`, [k], (error: Error | null) => {
        setTimeout(() => {
          release()
          done(error ?? undefined)
        }, 1)
      })
    })
  })
}

/** The same busy pool through mysql2's getConnection callback. */
export function mysqlBusyPool(pool: mysql.Pool): Scenario {
  return chained((k, e, done) => {
    addExpected(e, [`mysql:${TABLE}`], k, 0)
    pool.getConnection((err, conn) => {
      if (err) return done(err)
      conn.query(`SELECT * FROM ${TABLE} WHERE id <= ?`, [k], (error) => {
        setTimeout(() => {
          conn.release()
          done(error ?? undefined)
        }, 1)
      })
    })
  })
}
