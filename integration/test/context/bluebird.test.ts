import { enable, verify } from '@querycost/bluebird'
import { instrument as instrumentRedis } from '@querycost/ioredis'
import { instrument as instrumentMysql } from '@querycost/mysql2'
import Bluebird from 'bluebird'
import { Redis } from 'ioredis'
import mysql from 'mysql2'
import mysqlPromise from 'mysql2/promise'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { bluebirdChain, bluebirdOps, type PromisifiedPool, promisifiedMysql } from './bluebird-styles.js'
import { mysqlDb, pgDb, redisDb, redisKeys } from './clients.js'
import { PREFIX, REDIS_DB, seedMysql, seedPg, seedRedis, TABLE } from './fixtures.js'
import { CONTEXTS, runScenario, type Scenario } from './harness.js'

const pgUrl = inject('pgUrl') as string
const mysqlUrl = inject('mysqlUrl') as string
const redisUrl = inject('redisUrl') as string
const missing = [pgUrl, mysqlUrl, redisUrl].includes(undefined as unknown as string)

/** The Bluebird with async hooks on (through @querycost/bluebird), and an independent copy left as it comes. */
const Hooked = enable(Bluebird)
const Plain = Bluebird.getNewLibraryCopy() as unknown as typeof Bluebird

const closers: Array<() => unknown> = []
let pg: ReturnType<typeof pgDb>
let my: ReturnType<typeof mysqlDb>
let redis: ReturnType<typeof redisDb>

/** The scenarios of each style, built on one Bluebird: `Hooked` for the test, `Plain` for its negative control. */
const scenarios = new Map<string, (P: typeof Bluebird) => Scenario>()

beforeAll(async () => {
  if (missing) return
  await Promise.all([seedPg(pgUrl), seedMysql(mysqlUrl), seedRedis(redisUrl)])
  pg = pgDb(pgUrl)
  my = mysqlDb(mysqlUrl)
  redis = redisDb(redisUrl)
  closers.push(
    () => pg.close(),
    () => my.close(),
    () => redis.close(),
  )

  for (const db of [pg, my, redis]) scenarios.set(`then, delay, map (concurrency 2), each: ${db.name}`, (P) => bluebirdChain(P, db))

  // mysql2/promise given Bluebird as its promise library: one pool per Bluebird.
  const driverPools = new Map<typeof Bluebird, mysqlPromise.Pool>()
  for (const P of [Hooked, Plain]) {
    const pool = instrumentMysql(mysqlPromise.createPool({ uri: mysqlUrl, connectionLimit: 2, Promise: P }))
    driverPools.set(P, pool)
    closers.push(() => pool.end())
  }
  scenarios.set('mysql2/promise with Bluebird as its Promise option', (P) => {
    const pool = driverPools.get(P) as mysqlPromise.Pool
    return bluebirdOps(P, `mysql:${TABLE}`, (k) => pool.query(`SELECT * FROM ${TABLE} WHERE id <= ?`, [k]) as unknown as Bluebird<unknown>)
  })

  // promisifyAll over callback clients: a mysql2 callback pool and its connections, an ioredis client, a pg Pool.
  const promisified = new Map<
    typeof Bluebird,
    {
      mysql: PromisifiedPool
      redis: Record<string, (...a: unknown[]) => Bluebird<unknown>>
      pg: Record<string, (...a: unknown[]) => Bluebird<unknown>>
    }
  >()
  for (const P of [Hooked, Plain]) {
    const mysqlPool = instrumentMysql(mysql.createPool({ uri: mysqlUrl, connectionLimit: 2 }))
    const redisClient = instrumentRedis(new Redis(redisUrl, { db: REDIS_DB }))
    const pgPool = pgDb(pgUrl)
    closers.push(
      () => new Promise((resolve) => mysqlPool.end(resolve)),
      () => redisClient.disconnect(),
      () => pgPool.close(),
    )
    promisified.set(P, {
      mysql: P.promisifyAll(mysqlPool) as unknown as PromisifiedPool,
      redis: P.promisifyAll(redisClient) as unknown as Record<string, (...a: unknown[]) => Bluebird<unknown>>,
      pg: P.promisifyAll(pgPool.pool) as unknown as Record<string, (...a: unknown[]) => Bluebird<unknown>>,
    })
  }
  scenarios.set('promisifyAll-ed mysql2 callback pool and connections', (P) =>
    promisifiedMysql(P, promisified.get(P)?.mysql as PromisifiedPool),
  )
  scenarios.set('promisifyAll-ed ioredis client', (P) => {
    const client = promisified.get(P)?.redis as Record<string, (...a: unknown[]) => Bluebird<unknown>>
    return bluebirdOps(P, `redis:${PREFIX}`, (k) => (client.mgetAsync as (keys: string[]) => Bluebird<unknown>)(redisKeys(k)))
  })
  scenarios.set('promisifyAll-ed pg Pool', (P) => {
    const client = promisified.get(P)?.pg as Record<string, (...a: unknown[]) => Bluebird<unknown>>
    return bluebirdOps(P, `pg:${TABLE}`, (k) =>
      (client.queryAsync as (t: string, v: unknown[]) => Bluebird<unknown>)(`SELECT * FROM ${TABLE} WHERE id <= $1`, [k]),
    )
  })
})

afterAll(async () => {
  await Promise.all(closers.map((close) => close()))
})

describe.skipIf(missing)('Bluebird chains keep their request once @querycost/bluebird enabled its hooks', () => {
  it('the probe passes on the enabled Bluebird and fails on the copy left as it comes', async () => {
    await expect(verify(Hooked)).resolves.toBeUndefined()
    await expect(verify(Plain)).rejects.toMatchObject({ code: 'QC_BLUEBIRD_CONTEXT_LOST' })
  })

  const names = [
    'then, delay, map (concurrency 2), each: pg',
    'then, delay, map (concurrency 2), each: mysql2',
    'then, delay, map (concurrency 2), each: ioredis',
    'mysql2/promise with Bluebird as its Promise option',
    'promisifyAll-ed mysql2 callback pool and connections',
    'promisifyAll-ed ioredis client',
    'promisifyAll-ed pg Pool',
  ]
  for (const name of names) {
    it(`${name}: exact with hooks enabled`, async () => {
      const outcome = await runScenario((scenarios.get(name) as (P: typeof Bluebird) => Scenario)(Hooked))
      expect({ wrong: outcome.wrong, lost: outcome.lost }).toEqual({ wrong: 0, lost: 0 })
    })
    it(`${name}: negative control, context lost without Bluebird's hooks`, async () => {
      const outcome = await runScenario((scenarios.get(name) as (P: typeof Bluebird) => Scenario)(Plain))
      // Every request's first callback ran in one drain, in the first request's context.
      expect(outcome.wrong).toBeGreaterThanOrEqual(CONTEXTS / 2)
    })
  }
})
