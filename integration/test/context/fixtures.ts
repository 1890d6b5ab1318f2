import { Redis } from 'ioredis'
import mysql from 'mysql2/promise'
import pg from 'pg'

/** The context suite's table, in pg and in MySQL: users 1..USERS (prefixed so suites never collide). */
export const TABLE = 'qc_ctx_users'
export const USERS = 20
/** The suite's Redis database and key prefix: strings `qcx:1..USERS`. */
export const REDIS_DB = 5
export const PREFIX = 'qcx'

/** Creates and seeds the pg table. */
export async function seedPg(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query(`
      DROP TABLE IF EXISTS ${TABLE};
      CREATE TABLE ${TABLE} (id int PRIMARY KEY, name text NOT NULL);
      INSERT INTO ${TABLE} SELECT g, 'user ' || g FROM generate_series(1, ${USERS}) g;`)
  } finally {
    await client.end()
  }
}

/** Creates and seeds the MySQL table. */
export async function seedMysql(url: string): Promise<void> {
  const c = await mysql.createConnection({ uri: url, multipleStatements: true })
  try {
    const values = Array.from({ length: USERS }, (_, i) => `(${i + 1}, 'user ${i + 1}')`).join(', ')
    await c.query(`
      DROP TABLE IF EXISTS ${TABLE};
      CREATE TABLE ${TABLE} (id int PRIMARY KEY, name varchar(64) NOT NULL);
      INSERT INTO ${TABLE} VALUES ${values};`)
  } finally {
    await c.end()
  }
}

/** Seeds the Redis keys (with a raw client, so nothing is counted). */
export async function seedRedis(url: string): Promise<void> {
  const redis = new Redis(url, { db: REDIS_DB })
  try {
    const p = redis.pipeline()
    for (let i = 1; i <= USERS; i++) p.set(`${PREFIX}:${i}`, `user ${i}`)
    await p.exec()
  } finally {
    redis.disconnect()
  }
}
