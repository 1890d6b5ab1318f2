import { config } from '../config.js'
import { loadQuerycost } from '../load.js'
import { benchShape } from '../rounds.js'
import { saturated, serial } from '../variants.js'

const TABLE = 'qc_bench_users'
const SELECT = `SELECT id, name FROM ${TABLE} WHERE id = $1`
const op = (client, i) => client.query(SELECT, [(i % 100) + 1])

async function prepare(pg) {
  const client = new pg.Client({ connectionString: config.pgUrl })
  await client.connect()
  await client.query(`CREATE TABLE IF NOT EXISTS ${TABLE} (id int PRIMARY KEY, name text NOT NULL)`)
  await client.query(`INSERT INTO ${TABLE} SELECT g, 'user ' || g FROM generate_series(1, 100) g ON CONFLICT DO NOTHING`)
  await client.end()
}

async function connected(pg, options) {
  const client = new pg.Client({ connectionString: config.pgUrl, ...options })
  await client.connect()
  return client
}

/**
 * pg shapes: serial (one Client, one query at a time), saturated (one Client in
 * pipeline mode with `BENCH_CONCURRENCY` queries in flight) and pool (a Pool of 10
 * with as many in flight, so most wait for a connection).
 */
export async function bench(pg, log) {
  const { instrument, note } = await loadQuerycost('@querycost/pg')
  if (note) log(`pg: querycost variant skipped: ${note}`)
  await prepare(pg)
  const results = []
  const shapes = [
    { shape: 'serial', runner: serial(op), make: () => connected(pg), detail: 'one Client' },
    { shape: 'saturated', runner: saturated(op), make: () => connected(pg, { pipeline: true }), detail: 'pipeline mode' },
    {
      shape: 'pool',
      runner: saturated(op),
      make: async () => new pg.Pool({ connectionString: config.pgUrl, max: 10 }),
      detail: 'Pool max 10',
    },
  ]
  for (const s of shapes) {
    results.push(await benchShape({ driver: 'pg', ...s, op, close: (c) => c.end(), instrument, log }))
  }
  return { driver: 'pg', results, note }
}
