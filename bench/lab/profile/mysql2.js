// Profiles the mysql2 pool shape alone, for `--cpu-prof` (see profile/pg.js):
//   node --cpu-prof --cpu-prof-interval 100 --cpu-prof-dir=out/prof profile/mysql2.js querycost 100000
//   node profile/per-op.js out/prof/<file>.cpuprofile 100000
// variant: raw | querycost; BENCH_CONCURRENCY in flight, one long-lived context for all
// (PROFILE_ONE_CONTEXT=0: one per worker).
import { createRequire } from 'node:module'
import { runWithCost } from '@querycost/core'
import { instrument } from '@querycost/mysql2'
import { config } from '../../src/config.js'
import { burn, calibrateBurn } from '../../src/variants.js'

const require = createRequire(import.meta.url)
const mysql = require('mysql2')
const [variant = 'querycost', total = '100000'] = process.argv.slice(2)
const n = Number(total)
let pool = mysql.createPool({ uri: config.mysqlUrl, connectionLimit: 10 }).promise()
if (variant === 'querycost') pool = instrument(pool)
// PROFILE_ALS=1: raw with AsyncLocalStorage enabled too (on Node 20 it turns on promise hooks).
if (process.env.PROFILE_ALS === '1') new (await import('node:async_hooks')).AsyncLocalStorage().enterWith({})
await pool.query('SELECT 1')
let counted = 0
let next = 0
// PROFILE_SPIN_NS=1000: burn that much CPU per operation (no allocation), to see how a
// known added cost shows in the measurement.
const burnIterations = Number(process.env.PROFILE_SPIN_NS ?? 0) > 0 ? calibrateBurn(Number(process.env.PROFILE_SPIN_NS)) : 0
const spin = () => burn(burnIterations)
const worker = async () => {
  while (next < n) {
    spin()
    await pool.query('SELECT id, name FROM qc_bench_users WHERE id = ?', [(next++ % 100) + 1])
  }
}
const workers = () => Array.from({ length: config.concurrency }, worker)
const onReport = (r) => {
  counted += r.total.count
}
const c0 = process.cpuUsage()
const t0 = performance.now()
if (variant !== 'querycost') await Promise.all(workers())
else if (process.env.PROFILE_ONE_CONTEXT === '0')
  await Promise.all(Array.from({ length: config.concurrency }, () => runWithCost(worker, { onReport })))
else await runWithCost(() => Promise.all(workers()), { onReport })
const c = process.cpuUsage(c0)
console.log(
  `mysql2 pool ${variant}: ${n} ops, ${((c.user + c.system) / n).toFixed(2)} µs CPU/op, ${Math.round(n / ((performance.now() - t0) / 1000))} ops/s${variant === 'querycost' ? `, counted ${counted}` : ''}`,
)
await pool.end()
