// Where the pg wrapper's CPU goes, piece by piece, on a fake in-process client (no
// database, no syscalls: only querycost's own work remains). ns of CPU per call.
//   node profile/pg-micro.js            (BENCH_MICRO_MS=400 for longer rounds)
import { performance } from 'node:perf_hooks'
import { runWithCost } from '@querycost/core'
import { activeContext, beginOperation, bindCallback, sqlTargets } from '@querycost/core/driver'
import { instrument } from '@querycost/pg'
import { config } from '../../src/config.js'
import { median } from '../../src/stats.js'

const TEXT = 'SELECT id, name FROM qc_bench_users WHERE id = $1'
const RESULT = { command: 'SELECT', rowCount: 1, rows: [{ id: 1 }] }
const values = [1]
const noop = () => 0
const fake = () => ({
  query(_text, _values, cb) {
    if (typeof cb === 'function') return cb(null, RESULT)
    return Promise.resolve(RESULT)
  },
})
const fakePool = () => {
  const client = fake()
  return {
    totalCount: 1,
    connect(cb) {
      return cb(undefined, client, noop)
    },
    // pg-pool's query: check out through this.connect, query with a callback, release.
    query(text, v, cb) {
      if (typeof cb !== 'function') return new Promise((res, rej) => this.query(text, v, (e, r) => (e ? rej(e) : res(r))))
      return this.connect((_err, c, release) =>
        c.query(text, v, (e, r) => {
          release(e)
          cb(e, r)
        }),
      )
    },
  }
}

async function time(body) {
  let n = 1000
  for (;;) {
    const t0 = performance.now()
    for (let i = 0; i < n; i++) await body()
    if (performance.now() - t0 > config.microMs / 4 || n > 1e7) break
    n *= 4
  }
  const s = []
  for (let r = 0; r < 9; r++) {
    const c0 = process.cpuUsage()
    for (let i = 0; i < n; i++) await body()
    const c = process.cpuUsage(c0)
    s.push(((c.user + c.system) * 1000) / n)
  }
  return median(s)
}

const raw = fake()
const wrapped = instrument(fake())
const rawPool = fakePool()
const wrappedPool = instrument(fakePool())
const [target] = sqlTargets(TEXT, 'pg', 'pg')
const rows = []
const add = async (name, body) => {
  const ns = await time(body)
  rows.push([name, ns])
  console.log(`${name.padEnd(58)} ${ns.toFixed(0).padStart(6)} ns`)
}
console.log(`Node ${process.version}`)
await runWithCost(async () => {
  await add('await Promise.resolve() (loop floor)', () => Promise.resolve())
  await add('performance.now()', () => void performance.now())
  await add('activeContext() (ALS getStore)', () => void activeContext())
  await add('sqlTargets hit', () => void sqlTargets(TEXT, 'pg', 'pg'))
  await add('beginOperation(target) (no end)', () => void beginOperation(target))
  await add('beginOperation(target).end(1, 0)', () => void beginOperation(target).end(1, 0))
  await add('bindCallback(fn) + call', () => void bindCallback(noop)(null, RESULT))
  await add('promise: raw fake', () => raw.query(TEXT, values))
  await add('promise: raw fake + .then(ok, err) pass-through', () =>
    raw.query(TEXT, values).then(
      (v) => v,
      (e) => {
        throw e
      },
    ),
  )
  await add('promise: querycost', () => wrapped.query(TEXT, values))
  await add('callback: raw fake', () => void raw.query(TEXT, values, noop))
  await add('callback: querycost', () => void wrapped.query(TEXT, values, noop))
  await add('pool.query callback: raw fake', () => void rawPool.query(TEXT, values, noop))
  await add('pool.query callback: querycost', () => void wrappedPool.query(TEXT, values, noop))
  await add('pool.query promise: raw fake', () => rawPool.query(TEXT, values))
  await add('pool.query promise: querycost', () => wrappedPool.query(TEXT, values))
})
