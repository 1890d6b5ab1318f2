import { instrument } from '@querycost/ioredis'
import { Redis, type RedisOptions } from 'ioredis'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { FaultProxy } from '../../src/fault-proxy.js'
import { cutsAt, figuresLine, refusedBetween, runScenario, type Scenario, type ScenarioFigures } from '../../src/fault-scenario.js'
import { DB } from '../ioredis/fixtures.js'

// Issue 29: refused, cut and stalled connections (ioredis' commandTimeout) and killed
// connections, mid-traffic, through a proxy in front of the real server (no other user
// of it is disturbed). Every error a caller saw is in its request's report, every report
// arrives, no command lands in another request's report, none is lost, heap flat.

const url = inject('redisUrl')
const CONTEXTS = 100
const OPS = 10
/** Heap growth allowed over one scenario, after full collections. */
const HEAP_BOUND = 4 * 1048576
/** The name of the instrumented clients' connections: the only ones CLIENT KILL touches. */
const NAME = `qcfault-${process.pid}`
const key = (i: number) => `qcf${i}:k`

function expectHeld(f: ScenarioFigures): void {
  console.log(figuresLine('redis', f))
  expect(f.reports).toBe(CONTEXTS)
  expect(f.misattributed).toBe(0)
  expect(f.lost).toBe(0)
  expect(f.countedSystem).toBe(f.seen)
  expect(f.countedTotal).toBe(f.seen)
  expect(f.heapAfter - f.heapBefore).toBeLessThan(HEAP_BOUND)
}

describe.skipIf(url === undefined)('faults, ioredis: what callers saw is what the reports count', () => {
  let proxy: FaultProxy
  let admin: Redis
  const through = (options: RedisOptions): Redis => {
    const u = new URL(url as string)
    u.hostname = '127.0.0.1'
    u.port = String(proxy.port)
    // A command on a connection that is lost fails at once (no retry): the caller sees it.
    // (With autoResendUnfulfilledCommands off, ioredis 5.11 never settles such a command.)
    const client = new Redis(u.toString(), { db: DB, maxRetriesPerRequest: 0, retryStrategy: () => 20, ...options })
    client.on('error', () => {}) // connection errors no caller receives
    return client
  }
  const scenario = (name: string, client: Redis, raw: Redis, rest: Partial<Scenario>): Scenario => ({
    name,
    system: 'redis',
    contexts: CONTEXTS,
    ops: OPS,
    table: (i) => `redis:qcf${i}`,
    op: (i) => client.get(key(i)),
    faults: [],
    raw: { loops: 10, op: (k) => raw.get(key(k % CONTEXTS)) },
    ...rest,
  })
  const run = (options: RedisOptions, make: (client: Redis, raw: Redis) => Scenario) => {
    const client = instrument(through({ connectionName: NAME, ...options }))
    const raw = through(options)
    return runScenario({
      ...make(client, raw),
      teardown: async () => {
        client.disconnect()
        raw.disconnect()
      },
    })
  }
  /** CLIENT KILL on the instrumented client's own connections, found by name. */
  const killOwn = async (): Promise<number> => {
    const list = (await admin.client('LIST')) as string
    const ids = list
      .split('\n')
      .filter((line) => line.includes(` name=${NAME} `))
      .map((line) => /\bid=(\d+)/.exec(line)?.[1])
    for (const id of ids) if (id !== undefined) await admin.client('KILL', 'ID', id)
    return ids.length
  }

  beforeAll(async () => {
    const u = new URL(url as string)
    proxy = await FaultProxy.start({ host: u.hostname, port: Number(u.port || 6379) })
    admin = new Redis(url as string, { db: DB })
    const p = admin.pipeline()
    for (let i = 0; i < CONTEXTS; i++) p.set(key(i), String(i))
    await p.exec()
    await run({}, (client, raw) => scenario('warm-up', client, raw, {}))
  })
  afterAll(async () => {
    if (admin !== undefined) await admin.del(...Array.from({ length: CONTEXTS }, (_, i) => key(i)))
    admin?.disconnect()
    await proxy?.close()
  })

  it('refused connections mid-traffic: commands that give up count as their errors', async () => {
    const f = await run({}, (client, raw) =>
      scenario('refused', client, raw, {
        faults: refusedBetween(proxy, 200, 500),
      }),
    )
    expectHeld(f)
    expect(f.seen).toBeGreaterThan(0)
  })

  it('connections cut mid-traffic, three times', async () => {
    const f = await run({}, (client, raw) =>
      scenario('cut', client, raw, {
        faults: cutsAt(proxy, [150, 400, 650]),
      }),
    )
    expectHeld(f)
    expect(f.seen).toBeGreaterThan(0)
  })

  it('a stalled server: commandTimeout', async () => {
    const f = await run({ commandTimeout: 250 }, (client, raw) =>
      scenario('stalled (commandTimeout)', client, raw, {
        faults: [
          { at: 200, fire: () => proxy.stall() },
          {
            at: 400,
            fire: () => {
              proxy.cut()
              proxy.resume()
            },
          },
        ],
      }),
    )
    expectHeld(f)
    expect(f.seen).toBeGreaterThan(0)
  })

  it('killed connections: CLIENT KILL on the instrumented client’s own connection ids', async () => {
    let killed = 0
    const f = await run({}, (client, raw) =>
      scenario('killed connection', client, raw, {
        faults: [150, 400, 650].map((at) => ({
          at,
          fire: async () => {
            killed += await killOwn()
          },
        })),
      }),
    )
    expectHeld(f)
    expect(killed).toBe(3)
  })
})
