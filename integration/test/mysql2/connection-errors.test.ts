import { measureCost } from '@querycost/core'
import { instrument, instrumentModule } from '@querycost/mysql2'
import mysql from 'mysql2'
import mysqlp from 'mysql2/promise'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { closedPort } from '../../src/closed-port.js'
import { exactFigures } from '../../src/expect-report.js'

const url = inject('mysqlUrl')

/** Refused connections: errors of mysql and the total under mysql:(connection), no operation. */
const refused = (n: number) => ({
  count: 0,
  rows: 0,
  affected: 0,
  errors: n,
  tables: { 'mysql:(connection)': { count: 0, rows: 0, affected: 0, errors: n } },
})
const failsWith = (fn: (done: (error: Error | null) => void) => void): Promise<string | undefined> =>
  new Promise((resolve) => fn((error) => resolve(error?.message)))

// Issue 29: a checkout or connect that fails in the caller's face counts in its report.
describe.skipIf(url === undefined)('@querycost/mysql2: a refused connection counts as an error under mysql:(connection)', () => {
  let port: number
  let pool: mysql.Pool
  let promisePool: mysqlp.Pool
  beforeAll(async () => {
    port = await closedPort()
    pool = instrument(mysql.createPool({ host: '127.0.0.1', port, user: 'nobody', connectionLimit: 1 }))
    promisePool = instrument(mysqlp.createPool({ host: '127.0.0.1', port, user: 'nobody', connectionLimit: 1 }))
  })
  afterAll(async () => {
    await new Promise((resolve) => pool?.end(resolve))
    await promisePool?.end()
  })

  it('counts a failed getConnection (callback and promise API) once each', async () => {
    const { report } = await measureCost(async () => {
      expect(await failsWith((done) => pool.getConnection((error) => done(error)))).toMatch(/ECONNREFUSED/)
      await expect(promisePool.getConnection()).rejects.toThrow(/ECONNREFUSED/)
    })
    expect(exactFigures(report)).toEqual(refused(2))
    expect(report.systems.mysql).toMatchObject({ count: 0, errors: 2 })
  })

  it('counts a failed pool.query / pool.execute shortcut once each, not as an operation', async () => {
    const { report } = await measureCost(async () => {
      expect(await failsWith((done) => pool.query('SELECT 1', (error) => done(error)))).toMatch(/ECONNREFUSED/)
      expect(await failsWith((done) => pool.execute('SELECT 1', (error) => done(error)))).toMatch(/ECONNREFUSED/)
      await expect(promisePool.query('SELECT 1')).rejects.toThrow(/ECONNREFUSED/)
      await expect(promisePool.execute('SELECT 1')).rejects.toThrow(/ECONNREFUSED/)
    })
    expect(exactFigures(report)).toEqual(refused(4))
  })

  it('counts a failed createConnection of the promise API (through instrumentModule)', async () => {
    const { report } = await measureCost(async () => {
      await expect(instrumentModule(mysqlp).createConnection({ host: '127.0.0.1', port, user: 'nobody' })).rejects.toThrow(/ECONNREFUSED/)
    })
    expect(exactFigures(report)).toEqual(refused(1))
  })
})
