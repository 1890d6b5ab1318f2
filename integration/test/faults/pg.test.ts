import { instrument } from '@querycost/pg'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { FaultProxy } from '../../src/fault-proxy.js'
import { cutsAt, figuresLine, refusedBetween, runScenario, type Scenario, type ScenarioFigures } from '../../src/fault-scenario.js'

// Issue 29: refused, cut and stalled connections, statement timeouts and killed
// backends, mid-traffic, through a proxy in front of the real server (no other user of
// it is disturbed). Every error a caller saw is in its request's report, every report
// arrives, no operation lands in another request's report, none is lost, heap flat.

const url = inject('pgUrl')
const CONTEXTS = 100
const OPS = 10
/** Heap growth allowed over one scenario, after full collections. */
const HEAP_BOUND = 4 * 1048576
const table = (i: number) => `qc_fault_c${i}`

function expectHeld(f: ScenarioFigures): void {
  console.log(figuresLine('pg', f))
  expect(f.reports).toBe(CONTEXTS)
  expect(f.misattributed).toBe(0)
  expect(f.lost).toBe(0)
  expect(f.countedSystem).toBe(f.seen)
  expect(f.countedTotal).toBe(f.seen)
  expect(f.heapAfter - f.heapBefore).toBeLessThan(HEAP_BOUND)
}

describe.skipIf(url === undefined)('faults, pg: what callers saw is what the reports count', () => {
  let proxy: FaultProxy
  let admin: pg.Client
  const through = (options: pg.PoolConfig = {}) => {
    const u = new URL(url as string)
    u.hostname = '127.0.0.1'
    u.port = String(proxy.port)
    return new pg.Pool({ connectionString: u.toString(), max: 10, ...options })
  }
  const scenario = (name: string, pool: pg.Pool, raw: pg.Pool, rest: Partial<Scenario>): Scenario => ({
    name,
    system: 'pg',
    contexts: CONTEXTS,
    ops: OPS,
    table: (i) => `pg:${table(i)}`,
    op: (i) => pool.query(`SELECT id FROM ${table(i)}`),
    faults: [],
    raw: { loops: 10, op: () => raw.query('SELECT 1') },
    ...rest,
  })
  const run = async (options: pg.PoolConfig, make: (pool: pg.Pool, raw: pg.Pool) => Scenario) => {
    const pool = instrument(through(options))
    const raw = through(options)
    // An idle client the proxy cut emits 'error' on its pool: no caller sees it.
    pool.on('error', () => {})
    raw.on('error', () => {})
    return await runScenario({ ...make(pool, raw), teardown: () => Promise.all([pool.end(), raw.end()]) })
  }

  beforeAll(async () => {
    const u = new URL(url as string)
    proxy = await FaultProxy.start({ host: u.hostname, port: Number(u.port || 5432) })
    admin = new pg.Client({ connectionString: url })
    await admin.connect()
    const ddl = Array.from(
      { length: CONTEXTS },
      (_, i) => `DROP TABLE IF EXISTS ${table(i)}; CREATE TABLE ${table(i)} (id int); INSERT INTO ${table(i)} VALUES (${i});`,
    )
    await admin.query(ddl.join('\n'))
    // Warm-up, so the first scenario's heap is not the JIT's.
    await run({}, (pool, raw) => scenario('warm-up', pool, raw, {}))
  })
  afterAll(async () => {
    await admin?.query(Array.from({ length: CONTEXTS }, (_, i) => `DROP TABLE IF EXISTS ${table(i)};`).join('\n'))
    await admin?.end()
    await proxy?.close()
  })

  it('refused connections mid-traffic: each failed checkout counts under pg:(connection)', async () => {
    const f = await run({}, (pool, raw) =>
      scenario('refused', pool, raw, {
        faults: refusedBetween(proxy, 200, 500),
      }),
    )
    expectHeld(f)
    expect(f.connection).toBeGreaterThan(0)
  })

  it('connections cut mid-traffic, three times', async () => {
    const f = await run({}, (pool, raw) =>
      scenario('cut', pool, raw, {
        faults: cutsAt(proxy, [150, 400, 650]),
      }),
    )
    expectHeld(f)
    expect(f.seen).toBeGreaterThan(0)
  })

  it('a stalled server: client-side query and connect timeouts', async () => {
    const f = await run({ query_timeout: 250, connectionTimeoutMillis: 250 }, (pool, raw) =>
      scenario('stalled', pool, raw, {
        faults: [
          { at: 200, fire: () => proxy.stall() },
          {
            at: 300,
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

  it('statement_timeout: every cancelled statement (57014) counts as its operation’s error', async () => {
    const f = await run({ statement_timeout: 50, max: 20 }, (pool, raw) =>
      scenario('statement_timeout', pool, raw, {
        op: (i, k) => pool.query(k % 5 === 0 ? `SELECT pg_sleep(0.3) FROM ${table(i)}` : `SELECT id FROM ${table(i)}`),
      }),
    )
    expectHeld(f)
    // Every pg_sleep is cancelled; on a loaded machine a plain SELECT may be too.
    expect(f.seen).toBeGreaterThanOrEqual(CONTEXTS * 2)
    expect(f.connection).toBe(0)
  })

  it('a killed backend: pg_terminate_backend on the request’s own connection (57P01)', async () => {
    const f = await run({}, (pool, raw) =>
      scenario('killed backend', pool, raw, {
        op: async (i, k) => {
          if (k !== 3) return pool.query(`SELECT id FROM ${table(i)}`)
          const client = await pool.connect()
          // A checked-out client has no pool listener: when the backend's 57P01 and the socket's
          // end arrive in one read, pg emits 'error' on the client before `finally` releases it.
          // A service holding a client listens, as pg's docs ask; so does this one.
          client.on('error', () => {})
          const slow = client.query(`SELECT pg_sleep(5) FROM ${table(i)}`)
          // Its error may arrive before the kill's own reply: handled from now on, awaited below.
          slow.catch(() => {})
          // Only this request's own backend, found by its process id.
          await admin.query('SELECT pg_terminate_backend($1)', [(client as unknown as { processID: number }).processID])
          try {
            return await slow
          } finally {
            client.release(true)
          }
        },
      }),
    )
    expectHeld(f)
    expect(f.seen).toBe(CONTEXTS)
  })
})
