import { instrument as instrumentRedis } from '@querycost/ioredis'
import { instrument as instrumentMysql } from '@querycost/mysql2'
import { instrument as instrumentPg } from '@querycost/pg'
import Redis from 'ioredis'
import mysql from 'mysql2/promise'
import pg from 'pg'

/** The server URLs from the environment; a missing one fails the run, never skips it. */
export function urls(): { pg: string; mysql: string; redis: string } {
  const read = (name: string): string => {
    const url = process.env[name]
    if (!url) throw new Error(`@querycost/vitest tests run against real servers: set ${name} (as .ci/run does)`)
    return url
  }
  return { pg: read('QUERYCOST_PG_URL'), mysql: read('QUERYCOST_MYSQL_URL'), redis: read('QUERYCOST_REDIS_URL') }
}

/** Instrumented clients of the three servers, and the tables the tests read (prefixed `qc_vt_`). */
export async function connect() {
  const url = urls()
  const pool = instrumentPg(new pg.Pool({ connectionString: url.pg, max: 4 }))
  const my = instrumentMysql(mysql.createPool({ uri: url.mysql, connectionLimit: 4 }))
  const redis = instrumentRedis(new Redis(url.redis, { keyPrefix: '' }))
  await pool.query(`
    DROP TABLE IF EXISTS qc_vt_users;
    CREATE TABLE qc_vt_users (id int PRIMARY KEY, name text NOT NULL);
    INSERT INTO qc_vt_users SELECT g, 'user ' || g FROM generate_series(1, 40) g;
  `)
  await my.query('DROP TABLE IF EXISTS qc_vt_orders')
  await my.query('CREATE TABLE qc_vt_orders (id int AUTO_INCREMENT PRIMARY KEY, user_id int NOT NULL)')
  const close = async (): Promise<void> => {
    await pool.end()
    await my.end()
    redis.disconnect()
  }
  return { pool, my, redis, close }
}
