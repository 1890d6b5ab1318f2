// Profiles one pg shape and variant alone, for `--cpu-prof`:
//   node --cpu-prof --cpu-prof-dir=out/prof profile/pg.js pool querycost 200000
//   node profile/summarize.js out/prof/<file>.cpuprofile
// shape: serial | saturated | pool; variant: raw | querycost; BENCH_CONCURRENCY sets the
// operations in flight (one context each unless PROFILE_ONE_CONTEXT=1).
import { createRequire } from 'node:module'
import { runWithCost } from '@querycost/core'
import { instrument } from '@querycost/pg'
import { config } from '../../src/config.js'

const require = createRequire(import.meta.url)
const pg = require('pg')
const [shape = 'pool', variant = 'querycost', total = '200000'] = process.argv.slice(2)
const n = Number(total)
const SELECT = 'SELECT id, name FROM qc_bench_users WHERE id = $1'

let client
if (shape === 'pool') client = new pg.Pool({ connectionString: config.pgUrl, max: 10 })
else {
  client = new pg.Client({ connectionString: config.pgUrl, pipeline: shape === 'saturated' })
  await client.connect()
}
if (variant === 'querycost') client = instrument(client)
const concurrency = shape === 'serial' ? 1 : config.concurrency
let counted = 0
let next = 0
const worker = async () => {
  while (next < n) await client.query(SELECT, [(next++ % 100) + 1])
}
const wrap = variant === 'querycost' ? (fn) => runWithCost(fn, { onReport: (r) => (counted += r.total.count) }) : (fn) => fn()
const c0 = process.cpuUsage()
const t0 = performance.now()
// PROFILE_ONE_CONTEXT=1: all workers share one context (one request fanning out),
// which separates the per-context working set from the per-operation work.
if (process.env.PROFILE_ONE_CONTEXT === '1') await wrap(() => Promise.all(Array.from({ length: concurrency }, worker)))
else await Promise.all(Array.from({ length: concurrency }, () => wrap(worker)))
const c = process.cpuUsage(c0)
console.log(
  `${shape} ${variant}: ${n} ops, ${((c.user + c.system) / n).toFixed(2)} µs CPU/op, ${Math.round(n / ((performance.now() - t0) / 1000))} ops/s${variant === 'querycost' ? `, counted ${counted}` : ''}`,
)
await client.end()
