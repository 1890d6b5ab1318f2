// Sends statements and commands carrying secrets (inline literals, bound values, mysql2
// `??` formatting, long texts, failing statements, Redis keys and values) through the
// raw drivers or through querycost, closes everything, collects, writes a heap
// snapshot, and prints how many heap strings still hold a secret. The secrets are made
// at run time from pieces, and the text searched for is made only after the snapshot,
// so the search itself leaves nothing to find.
//
//   node heap-secrets-child.mjs raw|querycost <snapshot path>
import { readFileSync, rmSync } from 'node:fs'
import { writeHeapSnapshot } from 'node:v8'
import { runWithCost } from '@querycost/core'
import { instrument as instrumentRedis } from '@querycost/ioredis'
import { instrument as instrumentMysql } from '@querycost/mysql2'
import { instrument as instrumentPg } from '@querycost/pg'
import Redis from 'ioredis'
import mysql from 'mysql2'
import mysqlPromise from 'mysql2/promise'
import pg from 'pg'

const [mode, snapshotPath] = process.argv.slice(2)
const wrapped = mode === 'querycost'
const seed = 100000 + Math.floor(Math.random() * 800000)
let sent = 0
/** A fresh secret: made from pieces, so no whole secret exists before it is sent. */
const secret = () => ['qcs', seed, 'x', ++sent, 'end'].join('')

async function work() {
  const pool = new pg.Pool({ connectionString: process.env.QUERYCOST_PG_URL, max: 2 })
  const pgPool = wrapped ? instrumentPg(pool) : pool
  await pgPool.query(`SELECT '${secret()}' AS a`)
  await pgPool.query('SELECT $1::text AS a', [secret()])
  await pgPool.query(`SELECT x FROM (VALUES ('${secret()}'), ('${secret()}')) v(x) WHERE x <> '${secret()}'`)
  await pgPool.query(`SELECT '${secret()}' AS a WHERE 1 IN (${'1, '.repeat(8000)}1)`) // past 16 KiB
  await pgPool.query(`SELECT * FROM qc_no_such_table WHERE a = '${secret()}'`).catch(() => {})
  const client = await pgPool.connect()
  await client.query(`SELECT length('${secret()}') AS n`)
  client.release()
  await pgPool.end()

  const raw = mysqlPromise.createPool({ uri: process.env.QUERYCOST_MYSQL_URL, connectionLimit: 2 })
  const myPool = wrapped ? instrumentMysql(raw) : raw
  await myPool.query(`SELECT '${secret()}' AS a`)
  await myPool.query('SELECT ? AS a', [secret()])
  await myPool.query('SELECT ?? FROM (SELECT ? AS a) t', ['a', secret()])
  await myPool.query('SELECT ?? AS ??, ? AS b', ['a', 'a', secret()]).catch(() => {})
  await myPool.execute('SELECT ? AS a', [secret()])
  await myPool.query(`SELECT * FROM qc_no_such_table WHERE a = '${secret()}'`).catch(() => {})
  await myPool.query(`SELECT "${secret()}" AS dq`)
  await myPool.end()
  const rawConn = mysql.createConnection(process.env.QUERYCOST_MYSQL_URL)
  const conn = wrapped ? instrumentMysql(rawConn) : rawConn
  await new Promise((resolve, reject) => conn.query(`SELECT '${secret()}' AS a`, (e) => (e ? reject(e) : resolve())))
  await new Promise((resolve) => conn.end(resolve))

  const rawRedis = new Redis(process.env.QUERYCOST_REDIS_URL)
  const redis = wrapped ? instrumentRedis(rawRedis) : rawRedis
  const key = `qc-heap-session-token-${secret()}` // no `:` and long: the (no prefix) bucket
  await redis.set(key, secret())
  await redis.get(key)
  await redis.del(key)
  await redis.quit()
}

if (wrapped) {
  let reports = 0
  await runWithCost(work, { name: 'heap-secrets', onReport: () => reports++ })
  if (reports !== 1) throw new Error(`expected one report, got ${reports}`)
} else await work()

await new Promise((resolve) => setTimeout(resolve, 200))
for (let i = 0; i < 4; i++) {
  globalThis.gc()
  await new Promise((resolve) => setImmediate(resolve))
}
writeHeapSnapshot(snapshotPath)
const { strings } = JSON.parse(readFileSync(snapshotPath, 'utf8'))
rmSync(snapshotPath)
const needle = ['qcs', seed, 'x'].join('')
const retained = strings.filter((s) => s.includes(needle))
console.log(JSON.stringify({ sent, retained: retained.length, examples: retained.slice(0, 3).map((s) => s.slice(0, 120)) }))
