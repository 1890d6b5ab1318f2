import { config } from '../config.js'
import { loadQuerycost } from '../load.js'
import { benchShape } from '../rounds.js'
import { saturated, serial } from '../variants.js'

// Keys live in db 5 under `qcb:`; querycost reports them as table `redis:qcb`.
const op = (client, i) => client.get(`qcb:user:${(i % 100) + 1}`)

async function prepare(Redis) {
  const client = new Redis(config.redisUrl)
  const pipeline = client.pipeline()
  for (let i = 1; i <= 100; i++) pipeline.set(`qcb:user:${i}`, `user ${i}`)
  await pipeline.exec()
  await client.quit()
}

async function connected(Redis, options) {
  const client = new Redis(config.redisUrl, options)
  await client.ping()
  return client
}

/**
 * ioredis shapes: serial (one GET at a time) and saturated (`enableAutoPipelining`
 * with `BENCH_CONCURRENCY` GETs in flight, batched into pipelines by ioredis).
 */
export async function bench(ioredis, log) {
  const Redis = ioredis.Redis ?? ioredis
  const { instrument, note } = await loadQuerycost('@querycost/ioredis')
  if (note) log(`ioredis: querycost variant skipped: ${note}`)
  await prepare(Redis)
  const results = []
  const shapes = [
    { shape: 'serial', runner: serial(op), options: {}, detail: 'one client' },
    { shape: 'saturated', runner: saturated(op), options: { enableAutoPipelining: true }, detail: 'auto-pipelining' },
  ]
  for (const s of shapes) {
    const make = () => connected(Redis, s.options)
    results.push(await benchShape({ driver: 'ioredis', ...s, op, make, close: (c) => c.quit(), instrument, log }))
  }
  return { driver: 'ioredis', results, note }
}
