// Ad-hoc A/B in one process, interleaved rounds, paired medians (not run by `npm run bench`):
//   node profile/experiment.js mysql2|pg-pool|pg-pipeline|ioredis
// Variants: raw; control (raw burning 1 µs of CPU per operation, no allocation: how a known
// cost shows in the measurement); querycost; querycost with rebinding off (what the scopes cost).
import { createRequire } from 'node:module'
import { runWithCost } from '@querycost/core'
import { setCallbackBinding } from '@querycost/core/driver'
import { config } from '../../src/config.js'
import { runRounds } from '../../src/rounds.js'
import { median } from '../../src/stats.js'
import { controlVariant, minRoundOps, saturated, variantOf } from '../../src/variants.js'

const require = createRequire(import.meta.url)
const which = process.argv[2] ?? 'mysql2'

const drivers = {
  async mysql2() {
    const mysql = require('mysql2')
    const { instrument } = await import('@querycost/mysql2')
    const make = () => mysql.createPool({ uri: config.mysqlUrl, connectionLimit: 10 }).promise()
    return { make, instrument, op: (c, i) => c.query('SELECT id, name FROM qc_bench_users WHERE id = ?', [(i % 100) + 1]) }
  },
  async 'pg-pool'() {
    const pg = require('pg')
    const { instrument } = await import('@querycost/pg')
    const make = () => new pg.Pool({ connectionString: config.pgUrl, max: 10 })
    return { make, instrument, op: (c, i) => c.query('SELECT id, name FROM qc_bench_users WHERE id = $1', [(i % 100) + 1]) }
  },
  async 'pg-pipeline'() {
    const pg = require('pg')
    const { instrument } = await import('@querycost/pg')
    const make = async () => {
      const c = new pg.Client({ connectionString: config.pgUrl, pipeline: true })
      await c.connect()
      return c
    }
    return { make, instrument, op: (c, i) => c.query('SELECT id, name FROM qc_bench_users WHERE id = $1', [(i % 100) + 1]) }
  },
  async ioredis() {
    const { Redis } = require('ioredis')
    const { instrument } = await import('@querycost/ioredis')
    const make = () => new Redis(config.redisUrl, { enableAutoPipelining: true })
    return { make, instrument, op: (c, i) => c.get(`qcb:key:${i % 100}`) }
  },
}

const { make, instrument, op } = await drivers[which]()
const variant = (name, client, runner, wrap, around = (f) => f()) => {
  const v = variantOf(name, runner, client, wrap)
  return { ...v, run: (n) => around(() => v.run(n)) }
}
const ctx = (fn) => runWithCost(fn, { name: 'exp' })
const unbound = async (f) => {
  setCallbackBinding(false)
  try {
    return await f()
  } finally {
    setCallbackBinding(true)
  }
}
const raw = await make()
const variants = [
  variant('raw', raw, saturated(op), (f) => f()),
  controlVariant({ op, client: await make() }),
  variant('querycost', instrument(await make()), saturated(op), ctx),
  variant('qc-nobind', instrument(await make()), saturated(op), ctx, unbound),
]
const result = await runRounds(which, variants, { minOps: minRoundOps(config.concurrency) })
const base = result.variants.raw
const f = (x) => x.toFixed(2).padStart(6)
for (const [name, v] of Object.entries(result.variants)) {
  const paired = median(v.samples.map((s, i) => s - base.samples[i]))
  const user = median(v.userSamples.map((s, i) => s - base.userSamples[i]))
  console.log(
    `${name.padEnd(16)} ${f(v.cpuUs)} µs/op  paired +${f(paired)} (user +${f(user)}, system +${f(paired - user)})  ${f(v.opsPerSec / 1000)}k ops/s  spread ${(v.spread * 100).toFixed(0)}%`,
  )
}
process.exit(0)
