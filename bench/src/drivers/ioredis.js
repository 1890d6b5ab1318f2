import { config } from '../config.js'
import { loadQuerycost } from '../load.js'
import { runRounds } from '../rounds.js'
import { saturated, serial, threeVariants } from '../variants.js'

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
    const raw = await connected(Redis, s.options)
    const wrapped = instrument ? instrument(await connected(Redis, s.options)) : undefined
    const control = s.shape === 'serial' ? undefined : { op, client: await connected(Redis, s.options) }
    log(`ioredis ${s.shape}…`)
    const result = await runRounds(s.shape, threeVariants({ driver: 'ioredis', shape: s.shape, runner: s.runner, raw, wrapped, control }))
    result.detail = s.detail
    results.push(result)
    await raw.quit()
    if (wrapped) await wrapped.quit()
    if (control) await control.client.quit()
  }
  return { driver: 'ioredis', results, note }
}
