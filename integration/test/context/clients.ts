import { instrument as instrumentRedis } from '@querycost/ioredis'
import { instrument as instrumentMysql } from '@querycost/mysql2'
import { instrument as instrumentPg } from '@querycost/pg'
import { Redis } from 'ioredis'
import mysql from 'mysql2'
import pg from 'pg'
import { PREFIX, REDIS_DB, TABLE } from './fixtures.js'

type Callback = (error: Error | null, rows?: number) => void

/**
 * One instrumented client of one system, seen the same way by every style: an
 * operation that reads `k` rows (users 1..k; in Redis an MGET of k keys), through a
 * callback or a promise, and the table key it is counted on.
 */
export interface Db {
  readonly name: 'pg' | 'mysql2' | 'ioredis'
  readonly table: string
  callback(k: number, callback: Callback): void
  promise(k: number): Promise<number>
  /** The client itself, for styles that wrap it (promisifyAll, util.promisify). */
  readonly client: unknown
  close(): Promise<void>
}

const keys = (k: number): string[] => Array.from({ length: k }, (_, j) => `${PREFIX}:${j + 1}`)

/** A pg Pool of two connections: requests wait for each other. */
export function pgDb(url: string): Db & { pool: pg.Pool } {
  const pool = instrumentPg(new pg.Pool({ connectionString: url, max: 2 }))
  const text = `SELECT * FROM ${TABLE} WHERE id <= $1`
  return {
    name: 'pg',
    table: `pg:${TABLE}`,
    pool,
    client: pool,
    callback: (k, cb) => pool.query(text, [k], (err: Error | null, res: pg.QueryResult) => cb(err, res?.rows.length)),
    promise: (k) => pool.query(text, [k]).then((res) => res.rows.length),
    close: () => pool.end(),
  }
}

/** A mysql2 callback pool of two connections. */
export function mysqlDb(url: string): Db & { pool: mysql.Pool } {
  const pool = instrumentMysql(mysql.createPool({ uri: url, connectionLimit: 2 }))
  const sql = `SELECT * FROM ${TABLE} WHERE id <= ?`
  const promised = pool.promise()
  return {
    name: 'mysql2',
    table: `mysql:${TABLE}`,
    pool,
    client: pool,
    callback: (k, cb) => pool.query(sql, [k], (err, rows) => cb(err, (rows as unknown[] | undefined)?.length)),
    promise: (k) => promised.query(sql, [k]).then(([rows]) => (rows as unknown[]).length),
    close: () => new Promise((resolve) => pool.end(() => resolve())),
  }
}

/** One ioredis connection shared by every request. */
export function redisDb(url: string): Db & { redis: Redis } {
  const redis = instrumentRedis(new Redis(url, { db: REDIS_DB }))
  return {
    name: 'ioredis',
    table: `redis:${PREFIX}`,
    redis,
    client: redis,
    callback: (k, cb) => redis.mget(keys(k), (err, values) => cb(err ?? null, values?.length)),
    promise: (k) => redis.mget(keys(k)).then((values) => values.length),
    close: async () => {
      redis.disconnect()
    },
  }
}

export { keys as redisKeys }
