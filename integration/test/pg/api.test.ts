import { currentCost, measureCost } from '@querycost/core'
import { instrument, instrumentModule } from '@querycost/pg'
import pg from 'pg'
import Cursor from 'pg-cursor'
import QueryStream from 'pg-query-stream'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { exactFigures } from '../../src/expect-report.js'
import { reportWhileWaiting } from '../../src/pool-wait.js'
import { ITEMS, ordersOf, seedPg } from './fixtures.js'

const url = inject('pgUrl')

describe.skipIf(url === undefined)('@querycost/pg: every way in, exact', () => {
  let pool: pg.Pool
  let client: pg.Client

  beforeAll(async () => {
    await seedPg(url as string)
    pool = instrument(new pg.Pool({ connectionString: url, max: 2 }))
    client = instrument(new pg.Client({ connectionString: url }))
    await client.connect()
  })
  afterAll(async () => {
    await client?.end()
    await pool?.end()
  })

  it('counts text, values, config object and named statements on a Client (promise)', async () => {
    const { report } = await measureCost(async () => {
      await client.query('SELECT * FROM qc_pg_users WHERE id <= 3')
      await client.query('SELECT * FROM qc_pg_users WHERE id <= $1', [5])
      await client.query({ text: 'SELECT id FROM qc_pg_items WHERE id <= $1', values: [7] })
      await client.query({ name: 'qc-item', text: 'SELECT id FROM qc_pg_items WHERE id = $1', values: [1] })
      await client.query({ name: 'qc-item', text: 'SELECT id FROM qc_pg_items WHERE id = $1', values: [2] })
    })
    expect(exactFigures(report)).toEqual({
      count: 5,
      rows: 3 + 5 + 7 + 1 + 1,
      affected: 0,
      errors: 0,
      tables: {
        'pg:qc_pg_users': { count: 2, rows: 8, affected: 0, errors: 0 },
        'pg:qc_pg_items': { count: 3, rows: 9, affected: 0, errors: 0 },
      },
    })
    expect(report.systems.pg?.count).toBe(5)
  })

  it('counts callback forms and runs the callback in the caller context', async () => {
    const seen: Array<string | undefined> = []
    const { report } = await measureCost(
      () =>
        new Promise<void>((resolve, reject) => {
          client.query('SELECT * FROM qc_pg_users WHERE id <= 2', (err: Error | null) => {
            if (err) return reject(err)
            seen.push(currentName())
            client.query('SELECT * FROM qc_pg_users WHERE id <= $1', [4], (err2: Error | null) => {
              if (err2) return reject(err2)
              seen.push(currentName())
              client.query({ text: 'SELECT 1 AS one', callback: (err3: Error | null) => (err3 ? reject(err3) : resolve()) } as never)
            })
          })
        }),
      { name: 'callbacks' },
    )
    expect(seen).toEqual(['callbacks', 'callbacks'])
    expect(exactFigures(report)).toEqual({
      count: 3,
      rows: 2 + 4 + 1,
      affected: 0,
      errors: 0,
      tables: {
        'pg:qc_pg_users': { count: 2, rows: 6, affected: 0, errors: 0 },
        'pg:(none)': { count: 1, rows: 1, affected: 0, errors: 0 },
      },
    })
  })

  it('counts writes as affected, errors once, and rethrows the driver error unchanged', async () => {
    let caught: unknown
    const { report } = await measureCost(async () => {
      await client.query("INSERT INTO qc_pg_events (ctx, kind) VALUES (1, 'a'), (1, 'b'), (1, 'c')")
      await client.query("UPDATE qc_pg_events SET kind = 'z' WHERE ctx = 1 AND kind IN ('a', 'b')")
      await client.query("INSERT INTO qc_pg_events (ctx, kind) VALUES (1, 'r') RETURNING id")
      await client.query('DELETE FROM qc_pg_events WHERE ctx = 1')
      try {
        await client.query('SELECT * FROM qc_pg_missing_table')
      } catch (error) {
        caught = error
      }
    })
    expect(caught).toBeInstanceOf(pg.DatabaseError)
    expect((caught as pg.DatabaseError).code).toBe('42P01')
    expect(
      exactFigures(report, {
        count: 0,
        rows: 0,
        affected: 0,
        errors: 0,
        tables: { 'pg:qc_pg_events': { count: 0, rows: 0, affected: 0, errors: 0, operations: {} } },
      }),
    ).toEqual({
      count: 5,
      rows: 1,
      affected: 3 + 2 + 1 + 4,
      errors: 1,
      tables: {
        'pg:qc_pg_events': {
          count: 4,
          rows: 1,
          affected: 10,
          errors: 0,
          operations: {
            INSERT: { count: 2, rows: 1, affected: 4, errors: 0 },
            UPDATE: { count: 1, rows: 0, affected: 2, errors: 0 },
            DELETE: { count: 1, rows: 0, affected: 4, errors: 0 },
          },
        },
        'pg:qc_pg_missing_table': { count: 1, rows: 0, affected: 0, errors: 1 },
      },
    })
  })

  it('rejects a promise-form error with a stack that leads back to the caller, as pg does', async () => {
    async function queryFromTheCallerFrame(): Promise<unknown> {
      try {
        return await client.query('SELECT * FROM qc_pg_missing_table')
      } catch (error) {
        return error
      }
    }
    const { result, report } = await measureCost(() => queryFromTheCallerFrame())
    expect(result).toBeInstanceOf(pg.DatabaseError)
    expect((result as Error).stack).toContain('queryFromTheCallerFrame')
    expect(report.total).toMatchObject({ count: 1, errors: 1, rows: 0 })
  })

  it('rethrows a callback-form error unchanged', async () => {
    const { result, report } = await measureCost(
      () => new Promise<unknown>((resolve) => client.query('SELEKT nonsense', (err: Error | null) => resolve(err))),
    )
    expect(result).toBeInstanceOf(pg.DatabaseError)
    expect((result as pg.DatabaseError).code).toBe('42601')
    expect(report.total).toMatchObject({ count: 1, errors: 1, rows: 0 })
    expect(Object.keys(report.tables)).toEqual(['pg:(unknown)'])
  })

  it('splits a multi-statement query into one operation per statement', async () => {
    const { result, report } = await measureCost(() =>
      client.query(
        "SELECT * FROM qc_pg_users WHERE id <= 2; INSERT INTO qc_pg_events (ctx, kind) VALUES (2, 'm'); SELECT id FROM qc_pg_items WHERE id <= 3",
      ),
    )
    expect(Array.isArray(result)).toBe(true)
    expect(exactFigures(report)).toEqual({
      count: 3,
      rows: 5,
      affected: 1,
      errors: 0,
      tables: {
        'pg:qc_pg_users': { count: 1, rows: 2, affected: 0, errors: 0 },
        'pg:qc_pg_events': { count: 1, rows: 0, affected: 1, errors: 0 },
        'pg:qc_pg_items': { count: 1, rows: 3, affected: 0, errors: 0 },
      },
    })
  })

  it('counts a join once in total and once in each table', async () => {
    const { report } = await measureCost(() =>
      pool.query('SELECT u.id, o.total FROM qc_pg_users u JOIN qc_pg_orders o ON o.user_id = u.id WHERE u.id = $1', [3]),
    )
    expect(exactFigures(report)).toEqual({
      count: 1,
      rows: ordersOf(3),
      affected: 0,
      errors: 0,
      tables: {
        'pg:qc_pg_users': { count: 1, rows: 3, affected: 0, errors: 0 },
        'pg:qc_pg_orders': { count: 1, rows: 3, affected: 0, errors: 0 },
      },
    })
  })

  it('counts checked-out clients from pool.connect (promise and callback) and measures pool wait', async () => {
    const { report } = await measureCost(async () => {
      const c1 = await pool.connect()
      await c1.query('SELECT * FROM qc_pg_items WHERE id <= 10')
      c1.release()
      await new Promise<void>((resolve, reject) =>
        pool.connect((err, c2, release) => {
          if (err || !c2) return reject(err)
          c2.query('SELECT * FROM qc_pg_items WHERE id <= 20', (err2: Error | null) => {
            release()
            return err2 ? reject(err2) : resolve()
          })
        }),
      )
    })
    expect(exactFigures(report)).toEqual({
      count: 2,
      rows: 30,
      affected: 0,
      errors: 0,
      tables: { 'pg:qc_pg_items': { count: 2, rows: 30, affected: 0, errors: 0 } },
    })
    expect(report.poolWaitMs).toBeGreaterThanOrEqual(0)
  })

  it('charges the wait for a pooled client to the request that waited, not the one that released it', async () => {
    const single = instrument(new pg.Pool({ connectionString: url, max: 1 }))
    try {
      const viaCallback = (text: string) =>
        new Promise<void>((resolve, reject) => single.query(text, (err: Error | null) => (err ? reject(err) : resolve())))
      const [a, b, c] = await Promise.all([
        measureCost(() => viaCallback('SELECT pg_sleep(0.2)'), { name: 'holder' }),
        measureCost(() => viaCallback('SELECT 1'), { name: 'waiter' }),
        measureCost(async () => (await single.connect()).release(), { name: 'promise-waiter' }),
      ])
      expect(a.report.poolWaitMs).toBeLessThan(100)
      expect(b.report.poolWaitMs).toBeGreaterThanOrEqual(150)
      expect(c.report.poolWaitMs).toBeGreaterThanOrEqual(150)
      // Waiting for a client is not operation time.
      expect(b.report.total.durationMs).toBeLessThan(100)
    } finally {
      await single.end()
    }
  })

  it('shows a wait for a pooled client while it lasts, in currentCost()', async () => {
    const single = instrument(new pg.Pool({ connectionString: url, max: 1 }))
    try {
      const held = await single.connect()
      const { during, report } = await reportWhileWaiting(
        () => single.query('SELECT 1'),
        () => held.release(),
      )
      expect(during.count).toBe(0)
      expect(during.poolWaitMs).toBeGreaterThanOrEqual(59)
      expect(report.total.count).toBe(1)
      expect(report.poolWaitMs).toBeGreaterThanOrEqual(during.poolWaitMs)
      expect(report.poolWaitMs).toBeLessThan(during.poolWaitMs + 50)
    } finally {
      await single.end()
    }
  })

  it('leaves no wait open when the pool throws while checking a client out', async () => {
    const broken = instrument(
      new pg.Pool({
        Client: function Unmakeable() {
          throw new Error('no client')
        } as never,
        max: 1,
      }),
    )
    const { report } = await measureCost(async () => {
      expect(() => broken.connect(() => {})).toThrow('no client')
      expect(() => broken.query('SELECT 1')).toThrow('no client')
      await new Promise((r) => setTimeout(r, 40))
    })
    expect(report.total.count).toBe(0)
    expect(report.poolWaitMs).toBeLessThan(5)
  })

  it('counts a pg-cursor as one operation, its rows batch by batch as they arrive', async () => {
    const c = await pool.connect()
    try {
      const { report } = await measureCost(async () => {
        const cursor = c.query(new Cursor('SELECT * FROM qc_pg_items WHERE id <= $1', [25]))
        const first = await cursor.read(10)
        expect(first).toHaveLength(10)
        expect(currentRows()).toBe(10)
        let rows = first.length
        for (;;) {
          const batch = await cursor.read(10)
          rows += batch.length
          if (batch.length === 0) break
        }
        expect(rows).toBe(25)
        await cursor.close()
      })
      expect(exactFigures(report)).toEqual({
        count: 1,
        rows: 25,
        affected: 0,
        errors: 0,
        tables: { 'pg:qc_pg_items': { count: 1, rows: 25, affected: 0, errors: 0 } },
      })
    } finally {
      c.release()
    }
  })

  it('counts pg-query-stream rows as they arrive, and their events keep the caller context', async () => {
    const c = await pool.connect()
    try {
      const names = new Set<string | undefined>()
      const { report } = await measureCost(
        () =>
          new Promise<void>((resolve, reject) => {
            const stream = c.query(new QueryStream('SELECT * FROM qc_pg_items', [], { batchSize: 16 }))
            let n = 0
            stream.on('data', () => {
              n++
              names.add(currentName())
            })
            stream.on('error', reject)
            stream.on('end', () => (n === ITEMS ? resolve() : reject(new Error(`got ${n}`))))
          }),
        { name: 'stream' },
      )
      expect([...names]).toEqual(['stream'])
      expect(exactFigures(report)).toEqual({
        count: 1,
        rows: ITEMS,
        affected: 0,
        errors: 0,
        tables: { 'pg:qc_pg_items': { count: 1, rows: ITEMS, affected: 0, errors: 0 } },
      })
    } finally {
      c.release()
    }
  })

  it('counts a pg.Query submittable with a callback', async () => {
    const { report } = await measureCost(
      () =>
        new Promise<void>((resolve, reject) => {
          client.query(
            new pg.Query('SELECT * FROM qc_pg_users WHERE id <= $1', [7], (err: Error | null | undefined) =>
              err ? reject(err) : resolve(),
            ) as never,
          )
        }),
    )
    expect(exactFigures(report)).toEqual({
      count: 1,
      rows: 7,
      affected: 0,
      errors: 0,
      tables: { 'pg:qc_pg_users': { count: 1, rows: 7, affected: 0, errors: 0 } },
    })
  })

  it('offers an instrumented module for ORMs that construct their own clients', async () => {
    const mod = instrumentModule(pg)
    const p = new mod.Pool({ connectionString: url, max: 1 })
    try {
      expect(p).toBeInstanceOf(pg.Pool)
      expect(mod.types).toBe(pg.types)
      const { report } = await measureCost(() => p.query('SELECT * FROM qc_pg_users WHERE id <= 9'))
      expect(exactFigures(report)).toEqual({
        count: 1,
        rows: 9,
        affected: 0,
        errors: 0,
        tables: { 'pg:qc_pg_users': { count: 1, rows: 9, affected: 0, errors: 0 } },
      })
    } finally {
      await p.end()
    }
  })
})

function currentName(): string | undefined {
  return currentCost()?.name
}
function currentRows(): number | undefined {
  return currentCost()?.total.rows
}
