import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { runWithCost } from '@querycost/core'
import { loadDrivers } from './src/load.js'
import { flushSpans, otelOff, otelOn, spanCount, withParentSpan } from './src/otel.js'
import { median } from './src/stats.js'

// `npm run bench:mongodb`: the MongoDB shapes, raw driver against querycost against
// OpenTelemetry's instrumentation-mongodb, side by side in one process and one run,
// as CPU of this process per operation (the server runs in a child process: the MongoDB
// test server, or QUERYCOST_MONGODB_URL). Rounds alternate the three variants; each
// figure is the median of its rounds, and the verdict is a ratio of added CPU.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 11)
const OPS = Number(process.env.BENCH_MONGO_OPS ?? 3000)
const CONCURRENCY = Number(process.env.BENCH_MONGO_CONCURRENCY ?? 64)

const { mongodb } = loadDrivers(['mongodb'])
const { instrument } = await import('@querycost/mongodb')

async function server() {
  if (process.env.QUERYCOST_MONGODB_URL) return { url: process.env.QUERYCOST_MONGODB_URL, stop: () => {} }
  const child = fork(fileURLToPath(new URL('./src/mongodb-server-child.js', import.meta.url)))
  const url = await new Promise((resolve, reject) => {
    child.once('message', (m) => resolve(m.url))
    child.once('error', reject)
  })
  return { url, stop: () => child.disconnect() }
}

const SHAPES = {
  'findOne by _id': (c, i) => c.findOne({ _id: (i % 100) + 1 }),
  'find, 20 documents in batches of 8': (c, i) => c.find({ g: i % 5 }, { batchSize: 8 }).toArray(),
  insertOne: (c, i) => c.insertOne({ n: i }),
}

/** `OPS` operations, `CONCURRENCY` in flight, each worker inside `wrap`; CPU µs per operation. */
async function round(collection, op, wrap) {
  let next = 0
  const c0 = process.cpuUsage()
  await Promise.all(
    Array.from({ length: CONCURRENCY }, () =>
      wrap(async () => {
        while (next < OPS) await op(collection, next++)
      }),
    ),
  )
  const c = process.cpuUsage(c0)
  return (c.user + c.system) / OPS
}

const { url, stop } = await server()
const db = 'querycost_bench'
const setup = new mongodb.MongoClient(url)
await setup.db(db).collection('qc_bench_docs').deleteMany({})
await setup.db(db).collection('qc_bench_writes').deleteMany({})
await setup
  .db(db)
  .collection('qc_bench_docs')
  .insertMany(Array.from({ length: 100 }, (_, i) => ({ _id: i + 1, g: i % 5, name: `doc ${i}` })))
await setup.close()

const options = { maxPoolSize: 10 }
const raw = new mongodb.MongoClient(url, options)
const counted = instrument(new mongodb.MongoClient(url, options))
const traced = new mongodb.MongoClient(url, options)
const variants = [
  { name: 'raw', client: raw, wrap: (fn) => fn(), before: () => otelOff() },
  { name: 'querycost', client: counted, wrap: (fn) => runWithCost(fn, { name: 'bench' }), before: () => otelOff() },
  { name: 'otel', client: traced, wrap: withParentSpan, before: () => otelOn('mongodb'), after: flushSpans },
]
for (const v of variants) await v.client.connect()

const lines = [`MongoDB bench on Node ${process.version}, ${ROUNDS} rounds of ${OPS} operations, ${CONCURRENCY} in flight, pool of 10`]
lines.push('(CPU µs per operation in this process, median of rounds; the machine is shared and loaded: ratios, not absolutes)')
lines.push('shape | raw | querycost | otel | querycost added / raw | otel added / querycost added')
for (const [shape, op] of Object.entries(SHAPES)) {
  const samples = { raw: [], querycost: [], otel: [] }
  const collection = (client) => client.db(db).collection(shape === 'insertOne' ? 'qc_bench_writes' : 'qc_bench_docs')
  for (const v of variants) {
    v.before()
    await round(collection(v.client), op, v.wrap) // warm-up
    await v.after?.()
  }
  for (let r = 0; r < ROUNDS; r++) {
    for (const v of r % 2 === 0 ? variants : [...variants].reverse()) {
      v.before()
      samples[v.name].push(await round(collection(v.client), op, v.wrap))
      await v.after?.()
    }
  }
  otelOff()
  const m = Object.fromEntries(Object.entries(samples).map(([k, s]) => [k, median(s)]))
  const qcAdded = m.querycost - m.raw
  const otelAdded = m.otel - m.raw
  const f = (x) => x.toFixed(1)
  lines.push(
    `${shape} | ${f(m.raw)} | ${f(m.querycost)} | ${f(m.otel)} | ${(qcAdded / m.raw).toFixed(3)} | ${(otelAdded / qcAdded).toFixed(1)}`,
  )
}
lines.push(`spans exported by OpenTelemetry: ${spanCount()}`)
for (const v of variants) await v.client.close()
stop()
process.stdout.write(`${lines.join('\n')}\n`)
