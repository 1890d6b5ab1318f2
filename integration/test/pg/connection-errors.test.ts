import { measureCost } from '@querycost/core'
import { instrument } from '@querycost/pg'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { closedPort } from '../../src/closed-port.js'
import { exactFigures } from '../../src/expect-report.js'

const url = inject('pgUrl')

/** One refused connection: an error of pg and the total under pg:(connection), no operation. */
const refused = (n: number) => ({
  count: 0,
  rows: 0,
  affected: 0,
  errors: n,
  tables: { 'pg:(connection)': { count: 0, rows: 0, affected: 0, errors: n } },
})

// Issue 29: a checkout or connect that fails in the caller's face counts in its report.
describe.skipIf(url === undefined)('@querycost/pg: a refused connection counts as an error under pg:(connection)', () => {
  let port: number
  let pool: pg.Pool
  beforeAll(async () => {
    port = await closedPort()
    pool = instrument(new pg.Pool({ host: '127.0.0.1', port, user: 'nobody', max: 1 }))
  })
  afterAll(async () => pool?.end())

  it('counts a failed pool.connect() (promise and callback) once each', async () => {
    const { report } = await measureCost(async () => {
      await expect(pool.connect()).rejects.toThrow(/ECONNREFUSED/)
      await new Promise<void>((resolve) => pool.connect((error) => resolve(expect(error?.message).toMatch(/ECONNREFUSED/))))
    })
    expect(exactFigures(report)).toEqual(refused(2))
    expect(report.systems.pg).toMatchObject({ count: 0, errors: 2 })
  })

  it('counts a failed pool.query shortcut (promise and callback) once each, not as an operation', async () => {
    const { report } = await measureCost(async () => {
      await expect(pool.query('SELECT 1')).rejects.toThrow(/ECONNREFUSED/)
      await new Promise<void>((resolve) => pool.query('SELECT 1', (error: Error) => resolve(expect(error.message).toMatch(/ECONNREFUSED/))))
    })
    expect(exactFigures(report)).toEqual(refused(2))
  })

  it('counts a failed client.connect() (promise and callback) once each', async () => {
    const { report } = await measureCost(async () => {
      await expect(instrument(new pg.Client({ host: '127.0.0.1', port, user: 'nobody' })).connect()).rejects.toThrow(/ECONNREFUSED/)
      const client = instrument(new pg.Client({ host: '127.0.0.1', port, user: 'nobody' }))
      await new Promise<void>((resolve) => client.connect((error) => resolve(expect(error?.message).toMatch(/ECONNREFUSED/))))
    })
    expect(exactFigures(report)).toEqual(refused(2))
  })

  it('keeps the errors in the request that saw them, beside its operations', async () => {
    const good = instrument(new pg.Pool({ connectionString: url, max: 1 }))
    try {
      const [a, b] = await Promise.all([
        measureCost(async () => {
          await good.query('SELECT 1')
          await expect(pool.query('SELECT 1')).rejects.toThrow()
        }),
        measureCost(() => good.query('SELECT 1')),
      ])
      expect(a.report.total).toMatchObject({ count: 1, errors: 1 })
      expect(a.report.tables['pg:(connection)']).toMatchObject({ count: 0, errors: 1 })
      expect(b.report.total).toMatchObject({ count: 1, errors: 0 })
    } finally {
      await good.end()
    }
  })
})

describe.skipIf(url === undefined)('@querycost/pg: a checkout on a pool already ended counts under pg:(connection)', () => {
  it('counts pool.connect() and pool.query() after end(), once each', async () => {
    const pool = instrument(new pg.Pool({ connectionString: url, max: 1 }))
    await pool.end()
    const { report } = await measureCost(async () => {
      await expect(pool.connect()).rejects.toThrow('Cannot use a pool after calling end on the pool')
      await expect(pool.query('SELECT 1')).rejects.toThrow('Cannot use a pool after calling end on the pool')
    })
    expect(exactFigures(report)).toEqual(refused(2))
  })
})
