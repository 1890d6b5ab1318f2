import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { type Db, mysqlDb, pgDb, redisDb } from './clients.js'
import { seedMysql, seedPg, seedRedis } from './fixtures.js'
import { CONTEXTS, runScenario, type Scenario } from './harness.js'
import { mysqlBusyPool, mysqlEmitters, pgBusyPool, pgStreams, redisStreams } from './streams.js'
import { asyncAwait, callbacks, lazyThenable, promises, timers, utilPromisify } from './styles.js'

const pgUrl = inject('pgUrl')
const mysqlUrl = inject('mysqlUrl')
const redisUrl = inject('redisUrl')

let pg: ReturnType<typeof pgDb>
let my: ReturnType<typeof mysqlDb>
let redis: ReturnType<typeof redisDb>

beforeAll(async () => {
  if (pgUrl === undefined || mysqlUrl === undefined || redisUrl === undefined) return
  await Promise.all([seedPg(pgUrl as string), seedMysql(mysqlUrl as string), seedRedis(redisUrl as string)])
  pg = pgDb(pgUrl as string)
  my = mysqlDb(mysqlUrl as string)
  redis = redisDb(redisUrl as string)
})
afterAll(async () => {
  await Promise.all([pg?.close(), my?.close(), redis?.close()])
})

type Case = [style: string, system: string, scenario: () => Scenario]
const cases: Case[] = []
for (const [style, make] of [
  ['callbacks', callbacks],
  ['timers (setTimeout, setImmediate) between callbacks', timers],
  ['native promises (.then chains)', promises],
  ['async/await', asyncAwait],
  ['a lazy thenable returned to the runner', lazyThenable],
  ['util.promisify', utilPromisify],
] as Array<[string, (db: Db) => Scenario]>) {
  cases.push([style, 'pg', () => make(pg)], [style, 'mysql2', () => make(my)], [style, 'ioredis', () => make(redis)])
}
cases.push(
  ['streams and emitters returned by the driver (pg-query-stream)', 'pg', () => pgStreams(pg.pool)],
  ["streams and emitters returned by the driver ('result', 'end')", 'mysql2', () => mysqlEmitters(my.pool)],
  ['streams and emitters returned by the driver (scanStream)', 'ioredis', () => redisStreams(redis.redis)],
  ['a busy pool handing a connection from one request to another', 'pg', () => pgBusyPool(pg.pool)],
  ['a busy pool handing a connection from one request to another', 'mysql2', () => mysqlBusyPool(my.pool)],
)

/**
 * ioredis needs no rebinding: it hands each callback to `promise.then()` at call time
 * and begins every command in its caller's frame, so it keeps the context by itself
 * (see test/ioredis/concurrency.test.ts). Only a lazy thenable awaited outside the
 * context (the runner's part, not the driver's) loses it there.
 */
const keepsContextItself = (style: string, system: string): boolean => system === 'ioredis' && !style.startsWith('a lazy thenable')

describe.skipIf(pgUrl === undefined || mysqlUrl === undefined || redisUrl === undefined)(
  `the same request keeps its report through every async style (${CONTEXTS} concurrent requests, pools of 2)`,
  () => {
    for (const [style, system, scenario] of cases) {
      it(`${style}, ${system}: exact with querycost's rebinding`, async () => {
        const outcome = await runScenario(scenario())
        expect({ wrong: outcome.wrong, lost: outcome.lost }).toEqual({ wrong: 0, lost: 0 })
      })
      if (keepsContextItself(style, system)) {
        it(`${style}, ${system}: no negative control, ioredis keeps the context itself (exact with rebinding off too)`, async () => {
          const outcome = await runScenario(scenario(), { rebinding: false })
          expect({ wrong: outcome.wrong, lost: outcome.lost }).toEqual({ wrong: 0, lost: 0 })
        })
      } else {
        it(`${style}, ${system}: negative control, context lost with querycost's rebinding switched off`, async () => {
          // The switch: driver callbacks run where the driver calls them (the socket's or
          // the releasing request's context), and a returned thenable is awaited outside.
          const outcome = await runScenario(scenario(), { rebinding: false })
          expect(outcome.wrong).toBeGreaterThanOrEqual(CONTEXTS / 2)
        })
      }
    }
  },
)
