import { performance } from 'node:perf_hooks'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { activeContext, beginOperation, makeTarget } from '../src/driver.js'
import { configure, currentCost, measureCost, resetConfig, runWithCost, toRows } from '../src/index.js'
import { buildReport } from '../src/report/report.js'
import { FakeDriver } from './fake-driver.js'
import { stderrLines } from './stderr-lines.js'

afterEach(() => {
  resetConfig()
  vi.restoreAllMocks()
})

describe('the report', () => {
  it('has the shape of DESIGN.md, with exact figures per system, table and operation', async () => {
    const db = new FakeDriver()
    const join = makeTarget('pg', 'SELECT', ['users', 'orders'], 'select * from users join orders on ? = ?')
    const { result, report } = await measureCost(
      async () => {
        await db.queryAsync('users', 3)
        await db.queryAsync('users', 4)
        const op = beginOperation(join)
        op.end(7, 0)
        const write = beginOperation(makeTarget('pg', 'INSERT', ['orders']))
        write.end(0, 2)
        return 'done'
      },
      { name: 'GET /users/:id' },
    )
    expect(result).toBe('done')
    expect(report.schema).toBe(1)
    expect(report.name).toBe('GET /users/:id')
    expect(new Date(report.startedAt).toISOString()).toBe(report.startedAt)
    expect(report.wallMs).toBeGreaterThanOrEqual(report.dbWallMs)
    expect(report.total).toMatchObject({ count: 4, rows: 14, affected: 2, errors: 0 })
    expect(report.systems.fake).toMatchObject({ count: 2, rows: 7 })
    expect(report.systems.pg).toMatchObject({ count: 2, rows: 7, affected: 2 })
    expect(Object.keys(report.tables).sort()).toEqual(['fake:users', 'pg:orders', 'pg:users'])
    expect(report.tables['pg:orders']).toMatchObject({
      system: 'pg',
      table: 'orders',
      count: 2,
      rows: 7,
      affected: 2,
      operations: { SELECT: { count: 1, rows: 7, affected: 0, errors: 0 }, INSERT: { count: 1, rows: 0, affected: 2, errors: 0 } },
    })
    expect(report.repeated).toEqual([])
    expect(report.violations).toEqual([])
    expect(JSON.parse(JSON.stringify(report))).toEqual(report)
  })

  it('times an operation to the µs however long it lasts, and ends it once', async () => {
    const target = makeTarget('pg', 'SELECT', ['users'])
    const clock = vi.spyOn(performance, 'now')
    const { report } = await measureCost(async () => {
      clock.mockReturnValueOnce(1_234_567.891) // begins
      const quick = beginOperation(target)
      clock.mockReturnValueOnce(1_234_600.5) // ends 32.609 ms later
      quick.end(1, 0)
      quick.end(5, 0) // ignored
      clock.mockReturnValueOnce(1000.25)
      const long = beginOperation(target)
      clock.mockReturnValueOnce(1000.25 + 3 * 3_600_000) // three hours later
      long.fail()
    })
    expect(report.total).toEqual({ count: 2, durationMs: 32.609 + 10_800_000, rows: 1, affected: 0, errors: 1 })
  })

  it('sums the time with operations in flight to the µs, across whole seconds, an interval still open counting up to the report', async () => {
    await measureCost(async () => {
      const context = activeContext()
      if (context === undefined) throw new Error('no context')
      const t = Math.ceil(context.startedAtMs / 1000) * 1000 + 1000 // a whole second after the context began
      context.enter(t + 0.25)
      context.enter(t + 500) // overlaps the first: one interval
      context.leave(t + 999.5)
      context.leave(t + 1400.0004) // each end taken to the nearest µs
      expect(buildReport(context, t + 3000, undefined).dbWallMs).toBe(1399.75)
      context.enter(t + 2999.9996)
      expect(buildReport(context, t + 3000.5, undefined).dbWallMs).toBe(1399.75 + 0.5)
      context.leave(t + 4200)
      expect(buildReport(context, t + 5000, undefined).dbWallMs).toBe(1399.75 + 1200)
    })
  })

  it('never reports more time in flight than wall time, though each end of it is rounded on its own', async () => {
    vi.spyOn(performance, 'now').mockReturnValueOnce(5000.0004) // the context begins
    await measureCost(async () => {
      const context = activeContext()
      if (context === undefined) throw new Error('no context')
      expect(context.startedAtMs).toBe(5000.0004)
      context.enter(5000.0004) // from 5000.000, to the nearest µs
      // 1.2 µs of wall time reads 0.001; in flight from 5000.000 to 5000.002 would read 0.002.
      expect(buildReport(context, 5000.0016, undefined)).toMatchObject({ wallMs: 0.001, dbWallMs: 0.001 })
      context.leave(5000.0016)
    })
  })

  it('sums pool waits exactly, a wait still open counting up to the moment of the report', async () => {
    const { report } = await measureCost(async () => {
      const context = activeContext()
      if (context === undefined) throw new Error('no context')
      context.beginPoolWait(1000)
      context.beginPoolWait(1005.5)
      expect(buildReport(context, 1010, undefined).poolWaitMs).toBe(10 + 4.5)
      context.endPoolWait(1020)
      expect(buildReport(context, 1030, undefined).poolWaitMs).toBe(20 + 24.5)
      context.endPoolWait(1040)
      expect(buildReport(context, 5000, undefined).poolWaitMs).toBe(20 + 34.5)
    })
    expect(report.poolWaitMs).toBe(54.5)
  })

  it('lists a fingerprint repeated at least repeatThreshold times (N+1)', async () => {
    const db = new FakeDriver()
    configure({ repeatThreshold: 5 })
    const { report } = await measureCost(async () => {
      for (let i = 0; i < 6; i++) await db.queryAsync('users', 1)
      for (let i = 0; i < 4; i++) await db.queryAsync('orders', 1)
    })
    expect(report.repeated).toHaveLength(1)
    expect(report.repeated[0]).toMatchObject({
      system: 'fake',
      fingerprint: 'select * from users where id = ?',
      tables: ['users'],
      count: 6,
    })
  })

  it('records breached limits per route and per table and calls onViolation', async () => {
    const db = new FakeDriver()
    const seen: unknown[] = []
    configure({
      routeLimits: { 'GET /feed': { maxCount: 2, maxRows: 100, maxRepeated: 2, tables: { 'fake:users': { maxRows: 5, maxCount: 10 } } } },
      onViolation: (v) => seen.push(v),
    })
    const { report } = await measureCost(
      async () => {
        for (let i = 0; i < 3; i++) await db.queryAsync('users', 3)
      },
      { name: 'GET /feed' },
    )
    expect(report.violations).toEqual([
      { limit: 'maxCount', value: 3, threshold: 2 },
      { limit: 'maxRepeated', value: 3, threshold: 2, fingerprint: 'select * from users where id = ?' },
      { limit: 'maxRows', value: 9, threshold: 5, table: 'fake:users' },
    ])
    expect(seen).toEqual(report.violations)
  })

  it('folds tables past maxTables into (other) and keeps memory bounded', async () => {
    const db = new FakeDriver()
    configure({ maxTables: 3 })
    const { report } = await measureCost(async () => {
      for (let i = 0; i < 10; i++) await db.queryAsync(`t${i}`, 1)
    })
    expect(Object.keys(report.tables)).toEqual(['fake:t0', 'fake:t1', 'fake:t2', 'fake:(other)'])
    expect(report.tables['fake:(other)']).toMatchObject({ table: '(other)', count: 7, rows: 7 })
    expect(report.total.count).toBe(10)
  })

  it('bounds the shapes a context tracks: past maxShapes, operations still count, in (other)', async () => {
    configure({ maxShapes: 4 })
    const { report } = await measureCost(async () => {
      for (let i = 0; i < 10; i++) beginOperation(makeTarget('pg', 'SELECT', [`t${i}`], `select ${i}`)).end(2, 0)
    })
    expect(report.total).toMatchObject({ count: 10, rows: 20 })
    expect(Object.keys(report.tables)).toEqual(['pg:t0', 'pg:t1', 'pg:t2', 'pg:t3', 'pg:(other)'])
    expect(report.tables['pg:(other)']).toMatchObject({
      count: 6,
      rows: 12,
      operations: { '(other)': { count: 6, rows: 12, affected: 0, errors: 0 } },
    })
  })

  it('counts errors and lets the error through', async () => {
    const db = new FakeDriver()
    const { report } = await measureCost(async () => {
      await expect(new Promise((_, reject) => db.query('users', 0, (err) => reject(err), true))).rejects.toThrow('boom')
    })
    expect(report.total).toMatchObject({ count: 1, errors: 1, rows: 0 })
    expect(report.tables['fake:users']?.operations.SELECT).toMatchObject({ count: 1, errors: 1 })
  })

  it('flattens with toRows: one row per (system, table, operation)', async () => {
    const db = new FakeDriver()
    const { report } = await measureCost(
      async () => {
        await db.queryAsync('users', 2)
        beginOperation(makeTarget('pg', 'UPDATE', ['users'])).end(0, 3)
      },
      { name: 'job:nightly' },
    )
    const rows = toRows(report).map(({ durationMs, ...rest }) => rest)
    expect(rows).toEqual([
      {
        name: 'job:nightly',
        startedAt: report.startedAt,
        system: 'fake',
        table: 'users',
        operation: 'SELECT',
        count: 1,
        rows: 2,
        affected: 0,
        errors: 0,
      },
      {
        name: 'job:nightly',
        startedAt: report.startedAt,
        system: 'pg',
        table: 'users',
        operation: 'UPDATE',
        count: 1,
        rows: 0,
        affected: 3,
        errors: 0,
      },
    ])
  })
})

describe('runWithCost, measureCost, currentCost', () => {
  it('runWithCost returns the function result and reports once on settle', async () => {
    const reports: string[] = []
    const value = await runWithCost(
      async () => {
        expect(currentCost()?.name).toBe('job')
        return 42
      },
      { name: 'job', onReport: (r) => reports.push(r.name) },
    )
    expect(value).toBe(42)
    expect(reports).toEqual(['job'])
    expect(runWithCost(() => 'sync', { onReport: (r) => reports.push(r.name) })).toBe('sync')
    expect(reports).toEqual(['job', '(unnamed)'])
  })

  it('rethrows errors unchanged and still reports', async () => {
    const error = new Error('nope')
    const reports: number[] = []
    await expect(
      runWithCost(
        async () => {
          throw error
        },
        { onReport: (r) => reports.push(r.total.count) },
      ),
    ).rejects.toBe(error)
    expect(() =>
      runWithCost(() => {
        throw error
      }),
    ).toThrow(error)
    await expect(measureCost(() => Promise.reject(error))).rejects.toBe(error)
    expect(reports).toEqual([0])
  })

  it('currentCost is undefined outside a context and shows the report so far inside', async () => {
    const db = new FakeDriver()
    expect(currentCost()).toBeUndefined()
    await measureCost(async () => {
      await db.queryAsync('users', 5)
      expect(currentCost()?.total).toMatchObject({ count: 1, rows: 5 })
    })
  })

  it('a throwing onReport hook never breaks the caller, and is reported once', async () => {
    let value: string | undefined
    const lines = await stderrLines(async () => {
      value = await runWithCost(async () => 'ok', {
        onReport: () => {
          throw new Error('hook bug')
        },
      })
    })
    expect(value).toBe('ok')
    expect(lines.map((line) => JSON.parse(line))).toMatchObject([
      { level: 'error', where: 'onReport', error: expect.stringContaining('hook bug') },
    ])
  })

  it('rejects bad configuration with a message that names the fix', () => {
    expect(() => configure({ repeatThreshold: 0 })).toThrow(/repeatThreshold.*whole number of at least 1/)
  })
})
