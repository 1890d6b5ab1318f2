import { isDeepStrictEqual } from 'node:util'
import { type CostReport, lostContextStats, measureCost, resetLostContext } from '@querycost/core'
import { beginOperation, makeTarget, setCallbackBinding } from '@querycost/core/driver'
import { instrument } from '@querycost/ioredis'
import type { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { addExpected, type Expected, exactFigures, expected, random, sleep } from '../../src/expect-report.js'
import { clearKeys, LIST, rawClient, seedRedis } from './fixtures.js'

const url = inject('redisUrl')
const CONTEXTS = 200

const USERS = 'redis:qcu'
const ITEMS = 'redis:qci'
const LISTS = 'redis:qcl'
const WRITES = 'redis:qcc'
const NONE = 'redis:(none)'

function callbackGet(redis: Redis, key: string): Promise<string | null> {
  return new Promise((resolve, reject) => redis.get(key, (err, value) => (err ? reject(err) : resolve(value ?? null))))
}

/**
 * One request's work over ONE shared connection and ONE auto-pipelining connection: a
 * different, known amount through every API style, with random delays between steps.
 * Returns what its report must say.
 */
async function work(i: number, redis: Redis, auto: Redis, rnd: () => number): Promise<Expected> {
  const e = expected()
  const pause = () => sleep(Math.floor(rnd() * 3))
  const user = (i % 50) + 1

  for (let k = 0; k <= i % 3; k++) {
    await redis.hgetall(`qcu:${((i + k) % 50) + 1}`)
    addExpected(e, [USERS], 3, 0)
  }
  await pause()

  // Callback style.
  expect(await callbackGet(redis, `qci:${(i % 200) + 1}`)).toBe(`item ${(i % 200) + 1}`)
  addExpected(e, [ITEMS], 1, 0)
  await pause()

  // A pipeline, with a callback exec.
  const span = i % 4
  await new Promise<void>((resolve, reject) =>
    redis
      .pipeline()
      .incr(`qcc:n:${i}`)
      .hget(`qcu:${user}`, 'name')
      .lrange('qcl:list', 0, span)
      .exec((err) => (err ? reject(err) : resolve())),
  )
  addExpected(e, [WRITES], 0, 1)
  addExpected(e, [USERS], 1, 0)
  addExpected(e, [LISTS], Math.min(span + 1, LIST), 0)
  await pause()

  // A transaction: rows and writes attributed back from EXEC.
  const fields = 1 + (i % 3)
  const hash = Object.fromEntries(Array.from({ length: fields }, (_, f) => [`f${f}`, String(i)]))
  await redis.multi().hset(`qcc:h:${i}`, hash).hgetall(`qcc:h:${i}`).del(`qcc:h:${i}`, `qcc:n:${i}`).exec()
  addExpected(e, [NONE], 0, 0, 0, 2) // MULTI, EXEC
  addExpected(e, [WRITES], 0, fields)
  addExpected(e, [WRITES], fields, 0)
  addExpected(e, [WRITES], 0, 2)
  await pause()

  // The pipeline-heavy path: auto-pipelined commands batched with other requests' ones.
  const n = 1 + (i % 6)
  const values = await Promise.all(Array.from({ length: n }, (_, k) => auto.get(`qci:${((i + k) % 200) + 1}`)))
  expect(values.every((v) => typeof v === 'string')).toBe(true)
  addExpected(e, [ITEMS], n, 0, 0, n)
  await Promise.all([auto.mget('qci:1', 'qci:nope'), auto.hgetall(`qcu:${user}`)])
  addExpected(e, [ITEMS], 1, 0)
  addExpected(e, [USERS], 3, 0)
  await pause()

  // Every fifth request hits an error, counted once.
  if (i % 5 === 0) {
    const error = await redis.lpush('qci:1', 'x').then(
      () => undefined,
      (err: unknown) => err,
    )
    expect((error as Error).message).toMatch(/^WRONGTYPE/)
    addExpected(e, [ITEMS], 0, 0, 1)
  }
  return e
}

async function runAll(redis: Redis, auto: Redis, seed: number): Promise<{ reports: CostReport[]; expectations: Expected[] }> {
  const expectations: Expected[] = new Array(CONTEXTS)
  const runs = Array.from({ length: CONTEXTS }, (_, i) =>
    measureCost(
      async () => {
        await sleep(i % 4)
        expectations[i] = await work(i, redis, auto, random(seed + i))
      },
      { name: `ctx-${i}` },
    ).then(({ report }) => report),
  )
  return { reports: await Promise.all(runs), expectations }
}

function wrongReports(reports: CostReport[], expectations: Expected[]): number {
  return reports.filter((r, i) => !isDeepStrictEqual(exactFigures(r), expectations[i])).length
}

describe.skipIf(url === undefined)('@querycost/ioredis: exact attribution under concurrency', () => {
  let redis: Redis
  let auto: Redis

  beforeAll(async () => {
    await seedRedis(url as string)
    redis = instrument(rawClient(url as string))
    auto = instrument(rawClient(url as string, { enableAutoPipelining: true }))
    await Promise.all([redis.ping(), auto.ping()])
  })
  afterAll(async () => {
    setCallbackBinding(true)
    if (redis) await clearKeys(redis, ['qcc:*'])
    redis?.disconnect()
    auto?.disconnect()
  })

  it(`${CONTEXTS} concurrent contexts on one connection plus an auto-pipelined one: every report exact, no lost context`, async () => {
    resetLostContext()
    const { reports, expectations } = await runAll(redis, auto, 1)
    for (let i = 0; i < CONTEXTS; i++) {
      expect({ i, ...exactFigures(reports[i] as CostReport) }).toEqual({ i, ...expectations[i] })
    }
    expect(lostContextStats().total.count).toBe(0)
    const all = reports.reduce((n, r) => n + r.total.count, 0)
    expect(all).toBe(expectations.reduce((n, e) => n + e.count, 0))
  })

  // ioredis hands every user callback to `promise.then()` at call time (standard-as-callback),
  // so callbacks keep the caller's context without any rebinding: this package never
  // calls bindCallback, and switching rebinding off changes nothing. What attribution
  // does depend on is where the operation begins: in the caller's context when the
  // command is queued, not when ioredis sends it.
  it('stays exact with callback rebinding switched off (ioredis keeps context through promises)', async () => {
    resetLostContext()
    setCallbackBinding(false)
    try {
      const { reports, expectations } = await runAll(redis, auto, 2)
      expect(wrongReports(reports, expectations)).toBe(0)
      expect(lostContextStats().total.count).toBe(0)
    } finally {
      setCallbackBinding(true)
    }
  })

  it('the same test fails with a naive instrumentation that begins operations when ioredis sends them', async () => {
    // What a sendCommand-only wrapper does: an auto-pipeline batch is sent from a
    // setImmediate scheduled by the first request that queued into it, so every command
    // of the batch lands in that request.
    const naive = rawClient(url as string, { enableAutoPipelining: true })
    const send = naive.sendCommand
    naive.sendCommand = function (this: Redis, command: { name: string; promise: Promise<unknown> }, ...rest: unknown[]) {
      const op = beginOperation(makeTarget('redis', command.name.toUpperCase(), []))
      command.promise.then(
        () => op.end(0, 0),
        () => op.fail(),
      )
      return (send as (...a: unknown[]) => unknown).call(this, command, ...rest)
    } as never
    try {
      await naive.ping()
      const counts = Array.from({ length: CONTEXTS }, (_, i) => 1 + (i % 5))
      const reports = await Promise.all(
        counts.map((n, i) =>
          measureCost(async () => {
            await sleep(i % 3)
            await Promise.all(Array.from({ length: n }, (_, k) => naive.get(`qci:${k + 1}`)))
          }).then(({ report }) => report),
        ),
      )
      const wrong = reports.filter((r, i) => r.total.count !== counts[i]).length
      expect(wrong).toBeGreaterThan(CONTEXTS / 10)
    } finally {
      naive.disconnect()
    }
  })
})
