import { measureCost } from '@querycost/core'
import { instrument, instrumentModule } from '@querycost/mysql2'
import mysql from 'mysql2'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

const url = inject('mysqlUrl')

const METHODS = ['getConnection', 'releaseConnection', 'query', 'execute'] as const

// Issue 26: mysql2's own suite checks `pool.getConnection === BasePool.prototype.getConnection`
// and that it is no own property. An instrumented pool keeps mysql2's prototype methods:
// none of them becomes an own property, each is mysql2's own function. This test failed
// while querycost put its wrappers on the pool instance.
describe.skipIf(url === undefined)('@querycost/mysql2: a pool keeps mysql2’s prototype methods', () => {
  let raw: mysql.Pool
  let pools: mysql.Pool[]
  beforeAll(() => {
    raw = mysql.createPool({ uri: url, connectionLimit: 1 })
    pools = [
      instrument(mysql.createPool({ uri: url, connectionLimit: 1 })),
      instrumentModule(mysql).createPool({ uri: url, connectionLimit: 1 }),
    ]
  })
  afterAll(async () => {
    for (const pool of [raw, ...pools]) await pool?.promise().end()
  })

  it('adds no own property where mysql2 has a prototype method, and each is mysql2’s own', () => {
    for (const pool of pools) {
      for (const name of METHODS) {
        expect(Object.hasOwn(pool, name), name).toBe(false)
        expect(pool[name], name).toBe(raw[name])
      }
    }
  })

  it('still counts its shortcuts and checkouts once, with the wait in the caller’s report', async () => {
    const [pool] = pools as [mysql.Pool]
    const { report } = await measureCost(async () => {
      await pool.promise().query('SELECT 1')
      const held = await pool.promise().getConnection()
      const waiting = pool.promise().execute('SELECT 2')
      await new Promise((r) => setTimeout(r, 30))
      held.release()
      await waiting
    })
    expect(report.total).toMatchObject({ count: 2, errors: 0 })
    expect(report.poolWaitMs).toBeGreaterThanOrEqual(20)
  })
})
