import { config } from '../config.js'
import { loadQuerycost } from '../load.js'
import { benchShape } from '../rounds.js'
import { saturated, serial } from '../variants.js'

const TABLE = 'qc_bench_users'
const SELECT = `SELECT id, name FROM ${TABLE} WHERE id = ?`
const op = (client, i) => client.query(SELECT, [(i % 100) + 1])

async function prepare(mysql) {
  const conn = mysql.createConnection(config.mysqlUrl).promise()
  await conn.query(`CREATE TABLE IF NOT EXISTS ${TABLE} (id int PRIMARY KEY, name varchar(64) NOT NULL)`)
  const values = Array.from({ length: 100 }, (_, i) => [i + 1, `user ${i + 1}`])
  await conn.query(`INSERT IGNORE INTO ${TABLE} (id, name) VALUES ?`, [values])
  await conn.end()
}

/** A promise-API connection, connected. */
async function connection(mysql) {
  const conn = mysql.createConnection({ uri: config.mysqlUrl, trace: config.mysqlTrace }).promise()
  await conn.query('SELECT 1')
  return conn
}

/**
 * mysql2 shapes, promise API as most users write it: serial (one connection, one
 * query at a time) and saturated (a pool of 10 with `BENCH_CONCURRENCY` in flight).
 */
export async function bench(mysql, log) {
  const { instrument, note } = await loadQuerycost('@querycost/mysql2')
  if (note) log(`mysql2: querycost variant skipped: ${note}`)
  await prepare(mysql)
  const results = []
  const shapes = [
    { shape: 'serial', runner: serial(op), make: () => connection(mysql), detail: 'one connection' },
    {
      shape: 'saturated',
      runner: saturated(op),
      make: async () => mysql.createPool({ uri: config.mysqlUrl, connectionLimit: 10, trace: config.mysqlTrace }).promise(),
      detail: 'pool of 10',
    },
  ]
  for (const s of shapes) {
    results.push(await benchShape({ driver: 'mysql2', ...s, op, close: (c) => c.end(), instrument, log }))
  }
  return { driver: 'mysql2', results, note }
}
