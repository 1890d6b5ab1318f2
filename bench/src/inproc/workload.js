// Profiles one in-process saturated shape alone (see src/inproc), for `--cpu-prof`:
//   node --cpu-prof --cpu-prof-interval 100 --cpu-prof-dir=out/prof/qc src/inproc/workload.js pg-pool querycost 300000
// shape: pg-pool | pg-pipeline | pg-literals | mysql2 | ioredis; variant: raw | querycost | otel | core. BENCH_CONCURRENCY
// in flight, each worker its own context (PROFILE_ONE_CONTEXT=1: one for all), or for otel its
// own parent span, OpenTelemetry set up as src/otel.js sets it up for the bench. `core` is the
// bench's core variant (src/variants.js): the raw client, each worker in a context of its own,
// each operation begun through core as it is sent and ended as its worker resumes.
import { stat } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { connect, createServer } from 'node:net'
import { runWithCost } from '@querycost/core'
import { config } from '../config.js'
import { coreAccounting } from '../core-accounting.js'
import { frameName } from './frame.js'
import { literalStatement } from './literals.js'
import { mysqlStream } from './mysql-server.js'
import { pgStream } from './pg-server.js'
import { RedisConnector } from './redis-server.js'

const require = createRequire(import.meta.url)

/**
 * Creates the kinds of async resource a service creates (timers, immediates, file system
 * requests, a socket), as a service does before its first request. With the AsyncLocalStorage
 * enabled, each reaches the async-hook code that every promise and tick then runs (on Node 20,
 * AsyncLocalStorage's propagation), where V8 keeps one inline cache per site: seeing more than
 * four object shapes makes it megamorphic, as it is in any real service. Without this, whether
 * those sites stayed polymorphic depended on what else the variant's process happened to do: the
 * querycost variant's turned megamorphic (loading its package after the storage was enabled, or
 * later in the warm-up) and raw's did not, which decided 2,700 instructions per operation (raw
 * mysql2 on Node 20: 129,925 polymorphic, 132,590 megamorphic).
 */
async function everyKindOfResource() {
  await new Promise((resolve) => setTimeout(resolve, 1))
  await new Promise((resolve) => setImmediate(resolve))
  await new Promise((resolve) => process.nextTick(resolve))
  await readFile(new URL(import.meta.url))
  await new Promise((resolve) => stat('.', resolve))
  await new Promise((resolve) => {
    const server = createServer((socket) => socket.end())
    server.listen(0, '127.0.0.1', () => {
      const socket = connect(server.address().port, '127.0.0.1')
      socket.on('close', () => server.close(resolve)).resume()
    })
  })
}
/** Starts the sampling heap profiler; `report(n)` stops it and prints bytes per operation, by function. */
async function startAllocationSampling(interval) {
  const { Session } = await import('node:inspector')
  const session = new Session()
  session.connect()
  const post = (method, params) => new Promise((resolve, reject) => session.post(method, params, (e, r) => (e ? reject(e) : resolve(r))))
  await post('HeapProfiler.startSampling', {
    samplingInterval: interval,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  })
  return {
    async report(ops) {
      const { profile } = await post('HeapProfiler.stopSampling')
      const bytes = new Map()
      const frameOf = new Map()
      let total = 0
      // PROFILE_ALLOC_CALLERS=2: each function named with its two callers (`Map ← f ← g`).
      const callers = Number(process.env.PROFILE_ALLOC_CALLERS ?? 0)
      const walk = (node, stack) => {
        const name = frameName(node.callFrame)
        const where = [name, ...stack.slice(-callers).reverse()].join(' ← ')
        frameOf.set(node.id, where)
        bytes.set(where, (bytes.get(where) ?? 0) + node.selfSize)
        total += node.selfSize
        for (const child of node.children) walk(child, callers > 0 ? [...stack, name] : stack)
      }
      walk(profile.head, [])
      // Each sample is one object; with PROFILE_ALLOC=1 every object is one (V8 samples an
      // object of `size` bytes with probability 1 − e^(−size/interval)): an exact count.
      const exact = interval === 1
      const objects = new Map()
      for (const sample of exact ? (profile.samples ?? []) : []) {
        const where = frameOf.get(sample.nodeId)
        objects.set(where, (objects.get(where) ?? 0) + 1)
      }
      const count = exact ? `, ${((profile.samples ?? []).length / ops).toFixed(1)} objects/op` : ''
      console.log(`allocated ${(total / ops).toFixed(0)} B/op${count} (sampled every ${interval} B)`)
      for (const [where, b] of [...bytes].sort((x, y) => y[1] - x[1]).slice(0, Number(process.env.PROFILE_ALLOC_TOP ?? 30))) {
        const o = exact ? `${((objects.get(where) ?? 0) / ops).toFixed(2).padStart(7)} obj/op  ` : ''
        console.log(`${(b / ops).toFixed(1).padStart(8)} B/op  ${o}${where}`)
      }
    },
  }
}
const [shape = 'pg-pool', variant = 'querycost', total = '300000'] = process.argv.slice(2)
const n = Number(total)
const DRIVERS = { 'pg-pool': 'pg', 'pg-pipeline': 'pg', 'pg-literals': 'pg', mysql2: 'mysql2', ioredis: 'ioredis' }
// OpenTelemetry patches through require hooks: set up before any driver is required.
const otel = variant === 'otel' ? await import('../otel.js') : undefined
otel?.setupOtel([DRIVERS[shape]])
const shapes = {
  'pg-pool': async () => [new (require('pg').Pool)({ stream: pgStream, max: 10 }), 'SELECT id, name FROM qc_bench_users WHERE id = $1'],
  // Every statement distinct in its literals (src/inproc/literals.js), pg's simple protocol.
  'pg-literals': async () => [new (require('pg').Pool)({ stream: pgStream, max: 10 }), undefined, () => literalStatement()],
  'pg-pipeline': async () => {
    const c = new (require('pg').Client)({ stream: pgStream, pipeline: true })
    await c.connect()
    return [c, 'SELECT id, name FROM qc_bench_users WHERE id = $1']
  },
  // connectTimeout: under callgrind the handshake alone outlasts mysql2's default 10 s.
  // BENCH_MYSQL_TRACE=0: without the stack mysql2's promise API captures for every query.
  mysql2: async () => [
    require('mysql2')
      .createPool({
        stream: mysqlStream,
        user: 'root',
        connectionLimit: 10,
        connectTimeout: 3_600_000,
        trace: config.mysqlTrace,
      })
      .promise(),
    'SELECT id, name FROM qc_bench_users WHERE id = ?',
  ],
  ioredis: async () => [new (require('ioredis').Redis)({ Connector: RedisConnector, enableReadyCheck: false, enableAutoPipelining: true })],
}
const { instrument } = await import(`@querycost/${DRIVERS[shape]}`)
// As in the bench, raw runs in a process where querycost's AsyncLocalStorage is enabled (on
// Node 20 that turns on promise hooks for everyone): querycost's variant should not be charged
// for it. Its own instance, not a second one: each instance costs every promise on Node 20.
await runWithCost(async () => {})
await everyKindOfResource()
let [client, sql, text] = await shapes[shape]()
if (variant === 'querycost') client = instrument(client)
// PROFILE_NO_BIND=1: rebinding switched off (what the per-call scopes cost; attribution is then wrong).
if (process.env.PROFILE_NO_BIND === '1') (await import('@querycost/core/driver')).setCallbackBinding(false)
const op = text ? () => client.query(text()) : sql ? (i) => client.query(sql, [(i % 100) + 1]) : (i) => client.get(`qcb:${i % 100}`)
let next = 0
const worker = async () => {
  while (next < n) await op(next++)
}
const coreOp = coreAccounting((_, i) => op(i), DRIVERS[shape])
const coreWorker = async () => {
  const send = coreOp()
  while (next < n) await send(undefined, next++)
}
// PROFILE_ONE_CONTEXT=1: every worker in one context (separates per-context memory from per-operation work).
// PROFILE_RAW_IN_CONTEXT=1: the raw client with each worker in a context of its own (what the contexts
// alone cost the driver: nothing measurable, 2026-12-05).
const one = process.env.PROFILE_ONE_CONTEXT === '1'
const accounted = variant === 'querycost' || variant === 'core'
const inContext = (accounted && !one) || process.env.PROFILE_RAW_IN_CONTEXT === '1'
const start = (fn) => (otel ? otel.withParentSpan(fn) : inContext ? runWithCost(fn) : fn())
const workers = () => Array.from({ length: config.concurrency }, () => start(variant === 'core' ? coreWorker : worker))
const run = () => (accounted && one ? runWithCost(() => Promise.all(workers())) : Promise.all(workers()))
// With --expose-gc, a full collection before and after the measured run: what the run
// promoted is collected inside it, so a major GC that happens to land in one run and not
// another (instructions.js compares runs of two sizes) weighs less.
const fence = globalThis.gc ?? (() => {})
// PROFILE_WARMUP operations first (20,000 unless set), outside the measurement.
next = n - Number(process.env.PROFILE_WARMUP ?? 20000)
await run() // warm up
next = 0
fence()
// PROFILE_ALLOC=<bytes>: V8's sampling heap profiler over the measured run, one sample per
// that many bytes, counting what the collector has freed too: bytes allocated per operation,
// and the functions that allocate most (the CPU figure is then the profiler's, not the shape's).
// PROFILE_ALLOC=1 samples every object: exact bytes and objects per operation (slow: use
// 20,000 operations or fewer; lab/alloc.js).
const alloc = process.env.PROFILE_ALLOC ? await startAllocationSampling(Number(process.env.PROFILE_ALLOC)) : undefined
const c0 = process.cpuUsage()
const t0 = process.threadCpuUsage?.()
await run()
await otel?.flushSpans() // exporting is part of OpenTelemetry's cost
fence()
const c = process.cpuUsage(c0)
const t = t0 && process.threadCpuUsage(t0)
if (alloc) await alloc.report(n)
const spans = otel ? `, ${otel.spanCount()} spans exported` : ''
// Node 23.9+: how much of it the main thread spent (the rest is V8's and libuv's helper threads).
const main = t ? ` (main thread ${((t.user + t.system) / n).toFixed(2)})` : ''
console.log(`${shape} ${variant}: ${n} ops, ${((c.user + c.system) / n).toFixed(2)} µs CPU/op${main}${spans}`)
process.exit(0)
