import { instrument as instrumentRedis } from '@querycost/ioredis'
import { instrument as instrumentMysql } from '@querycost/mysql2'
import { instrument as instrumentPg } from '@querycost/pg'
import { Redis } from 'ioredis'
import mysql from 'mysql2/promise'
import pg from 'pg'

/** The framework suites' Redis database (the ioredis suites use 3). */
const REDIS_DB = 4
/** Users 1..50 in PostgreSQL, orders 1..50 in MariaDB, sessions `qcfwsession:1..50` in Redis. */
export const USERS = 50

/** Instrumented clients of the three servers, as an app would hold them. */
export interface Db {
  pool: pg.Pool
  my: mysql.Pool
  redis: Redis
  close(): Promise<void>
}

/** Seeds the framework suites' tables (prefixed `qc_fw_`) and keys; safe to run from several files at once. */
export async function seed(urls: { pg: string; mysql: string; redis: string }): Promise<void> {
  const client = new pg.Client({ connectionString: urls.pg })
  await client.connect()
  try {
    await client.query('SELECT pg_advisory_lock(4242)')
    await client.query(`
      CREATE TABLE IF NOT EXISTS qc_fw_users (id int PRIMARY KEY, name text NOT NULL);
      CREATE TABLE IF NOT EXISTS qc_fw_events (id serial PRIMARY KEY, kind text NOT NULL);
      INSERT INTO qc_fw_users SELECT g, 'user ' || g FROM generate_series(1, ${USERS}) g ON CONFLICT DO NOTHING;
    `)
    await client.query('SELECT pg_advisory_unlock(4242)')
  } finally {
    await client.end()
  }
  const my = await mysql.createConnection({ uri: urls.mysql, multipleStatements: true })
  try {
    await my.query('CREATE TABLE IF NOT EXISTS qc_fw_orders (id int PRIMARY KEY, user_id int NOT NULL)')
    await my.query('INSERT IGNORE INTO qc_fw_orders (id, user_id) VALUES ?', [Array.from({ length: USERS }, (_, i) => [i + 1, i + 1])])
  } finally {
    await my.end()
  }
  const redis = new Redis(urls.redis, { db: REDIS_DB })
  try {
    for (let i = 1; i <= USERS; i++) await redis.set(`qcfwsession:${i}`, `user ${i}`)
  } finally {
    redis.disconnect()
  }
}

/** Instrumented pools on the three servers. */
export function connect(urls: { pg: string; mysql: string; redis: string }): Db {
  const pool = instrumentPg(new pg.Pool({ connectionString: urls.pg, max: 6 }))
  const my = instrumentMysql(mysql.createPool({ uri: urls.mysql, connectionLimit: 6 }))
  const redis = instrumentRedis(new Redis(urls.redis, { db: REDIS_DB }))
  return {
    pool,
    my,
    redis,
    async close() {
      await pool.end()
      await my.end()
      redis.disconnect()
    },
  }
}
