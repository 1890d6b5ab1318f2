// Bytes of heap each operation keeps while it waits for a pooled connection, raw and
// through querycost: what every young-generation collection copies while a saturated
// pool's queue is long. Deterministic, unlike CPU on a shared machine.
//   node --expose-gc profile/retained.js pg|mysql2 raw|querycost
// The in-process server answers the login and never a query, so the pool's one
// connection stays busy and every other operation waits in its queue.
import { createRequire } from 'node:module'
import { runWithCost } from '@querycost/core'
import { mysqlStream } from '../../src/inproc/mysql-server.js'
import { pgStream } from '../../src/inproc/pg-server.js'

const require = createRequire(import.meta.url)
const [driver = 'pg', variant = 'querycost'] = process.argv.slice(2)
const N = 20000

/** A connection whose server answers only what comes before the first query. */
function mute(make, firstQuery) {
  return () => {
    const stream = make()
    const answer = stream.answer
    let muted = false
    stream.answer = (chunk) => {
      if (!muted && firstQuery(chunk)) muted = true
      return muted ? undefined : answer(chunk)
    }
    return stream
  }
}

let pool
let op
if (driver === 'pg') {
  // The startup message has no type byte; the first query starts with 'P' (Parse).
  pool = new (require('pg').Pool)({ stream: mute(pgStream, (c) => c[0] === 0x50), max: 1 })
  op = () => pool.query('SELECT id, name FROM qc_bench_users WHERE id = $1', [1])
} else {
  // After the login packet, the first COM_QUERY (0x03).
  pool = require('mysql2')
    .createPool({ stream: mute(mysqlStream, (c) => c[4] === 0x03), user: 'root', connectionLimit: 1 })
    .promise()
  op = () => pool.query('SELECT id, name FROM qc_bench_users WHERE id = ?', [1])
}
if (variant === 'querycost') pool = (await import(`@querycost/${driver}`)).instrument(pool)

const settle = () => new Promise((resolve) => setTimeout(resolve, 100))
const heap = () => {
  globalThis.gc()
  globalThis.gc()
  return process.memoryUsage().heapUsed
}
await runWithCost(async () => {}) // AsyncLocalStorage on in both variants, as in the bench
await settle()
const held = []
const before = heap()
const send = async () => {
  for (let i = 0; i < N; i++) held.push(op().catch(() => {}))
  await settle()
}
if (variant === 'querycost') await runWithCost(send)
else await send()
console.log(`${driver} ${variant}: ${((heap() - before) / N).toFixed(0)} B per waiting operation (${N} waiting)`)
process.exit(0)
