import { afterEach, describe, expect, it } from 'vitest'
import { beginOperation, makeTarget } from '../src/driver.js'
import { allowRepeats, configure, LIMIT_EXCEEDED, LimitError, measureCost, resetConfig, runWithCost } from '../src/index.js'
import { FakeDriver } from './fake-driver.js'

const quiet = { onViolation: () => {} }

afterEach(() => {
  resetConfig()
})

async function loop(db: FakeDriver, n: number, table = 'users'): Promise<void> {
  for (let i = 0; i < n; i++) await db.queryAsync(table, 1)
}

describe('limits', () => {
  it('merges defaults, the route override and the context own limits, tables per key', async () => {
    const db = new FakeDriver()
    configure({
      ...quiet,
      limits: { maxCount: 100, maxRows: 4, tables: { 'fake:users': { maxCount: 2, maxRows: 100 } } },
      routeLimits: { 'GET /feed': { maxCount: 5, tables: { 'fake:users': { maxRows: 3 } } } },
    })
    const run = (name: string) => measureCost(() => loop(db, 6), { name }).then(({ report }) => report.violations)
    expect(await run('GET /feed')).toEqual([
      { limit: 'maxCount', value: 6, threshold: 5 },
      { limit: 'maxRows', value: 6, threshold: 4 },
      { limit: 'maxCount', value: 6, threshold: 2, table: 'fake:users' },
      { limit: 'maxRows', value: 6, threshold: 3, table: 'fake:users' },
    ])
    expect(await run('GET /other')).toEqual([
      { limit: 'maxRows', value: 6, threshold: 4 },
      { limit: 'maxCount', value: 6, threshold: 2, table: 'fake:users' },
    ])
    const own = await measureCost(() => loop(db, 6), { name: 'GET /feed', limits: { maxRows: 10 } })
    expect(own.report.violations.map((v) => `${v.limit}${v.table ?? ''}`)).toEqual(['maxCount', 'maxCountfake:users', 'maxRowsfake:users'])
  })

  it('checks maxAffected per route and per table', async () => {
    const insert = makeTarget('pg', 'INSERT', ['orders'], 'insert into orders values (?)')
    configure({ ...quiet, limits: { maxAffected: 10, tables: { 'pg:orders': { maxAffected: 3 } } } })
    const { report } = await measureCost(() => {
      beginOperation(insert).end(0, 4)
      beginOperation(insert).end(0, 7)
    })
    expect(report.violations).toEqual([
      { limit: 'maxAffected', value: 11, threshold: 10 },
      { limit: 'maxAffected', value: 11, threshold: 3, table: 'pg:orders' },
    ])
  })

  it('lets known loops repeat: an allow-list of fingerprints, or allowRepeats() around the loop', async () => {
    const db = new FakeDriver()
    configure({ ...quiet, limits: { maxRepeated: 5, tables: { 'fake:orders': { maxRepeated: 5 } } } })
    const broken = await measureCost(() => loop(db, 8, 'orders'))
    expect(broken.report.violations).toEqual([
      { limit: 'maxRepeated', value: 8, threshold: 5, fingerprint: 'select * from orders where id = ?' },
      { limit: 'maxRepeated', value: 8, threshold: 5, table: 'fake:orders', fingerprint: 'select * from orders where id = ?' },
    ])
    const scoped = await measureCost(async () => {
      await allowRepeats(() => loop(db, 12, 'orders'))
      await loop(db, 11, 'users')
    })
    expect(scoped.report.violations).toEqual([
      { limit: 'maxRepeated', value: 11, threshold: 5, fingerprint: 'select * from users where id = ?' },
    ])
    expect(scoped.report.repeated.map((r) => [r.fingerprint, r.count, r.allowed])).toEqual([
      ['select * from orders where id = ?', 12, true],
      ['select * from users where id = ?', 11, undefined],
    ])
    const listed = await measureCost(() => loop(db, 10, 'orders'), { limits: { allowRepeated: ['select * from orders where id = ?'] } })
    expect(listed.report.violations).toEqual([])
    expect(listed.report.repeated[0]?.allowed).toBe(true)
    // Outside a context, allowRepeats just runs the function.
    expect(allowRepeats(() => 42)).toBe(42)
  })
})

describe('strict mode', () => {
  it('rejects a context that broke a limit with a LimitError that says what and how to fix it', async () => {
    const db = new FakeDriver()
    const reported: string[] = []
    configure({ ...quiet, strict: true, limits: { maxRepeated: 5 } })
    const error = await runWithCost(() => loop(db, 6), { name: 'job:loop', onReport: (r) => reported.push(r.name) }).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(LimitError)
    expect((error as LimitError).code).toBe(LIMIT_EXCEEDED)
    expect((error as LimitError).message).toBe(
      'querycost: "job:loop" broke a limit\n  - maxRepeated: 6 > 5: select * from users where id = ?\n' +
        'Fix the loop, raise the limit, or mark a known loop with allowRepeats(fn) or limits.allowRepeated.',
    )
    expect(reported).toEqual(['job:loop'])
    await expect(measureCost(() => loop(db, 6))).rejects.toThrow(LimitError)
    expect(() => runWithCost(() => 1, { limits: { maxCount: -1 } })).toThrow(LimitError)
  })

  it('passes once the loop is allowed, and without limits', async () => {
    const db = new FakeDriver()
    configure({ ...quiet, strict: true, limits: { maxRepeated: 5 } })
    await expect(runWithCost(() => allowRepeats(() => loop(db, 6)))).resolves.toBeUndefined()
    await expect(runWithCost(() => loop(db, 5))).resolves.toBeUndefined()
    resetConfig()
    configure({ strict: true })
    await expect(runWithCost(() => loop(db, 50))).resolves.toBeUndefined()
  })
})
