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

const poolCallback = (pool: mysql.Pool): Promise<mysql.PoolConnection> =>
  new Promise((resolve, reject) => pool.getConnection((error, connection) => (error ? reject(error) : resolve(connection))))

// What the caller sees decides: an error for a checkout that never reached the server
// (the pool is full and may not queue it) counts under mysql:(connection); issue 29.
describe.skipIf(url === undefined)('@querycost/mysql2: a full pool that refuses a checkout counts it under mysql:(connection)', () => {
  it('counts "Queue limit reached." once per refused checkout (getConnection, pool.query, pool.execute, promise API)', async () => {
    const pool = instrument(mysql.createPool({ uri: url, connectionLimit: 1, queueLimit: 1 }))
    try {
      const held = await poolCallback(pool)
      const queued = poolCallback(pool) // fills the queue (outside any request)
      const { report } = await measureCost(async () => {
        expect(await failsWith((done) => pool.getConnection((error) => done(error)))).toBe('Queue limit reached.')
        expect(await failsWith((done) => pool.query('SELECT 1', (error) => done(error)))).toBe('Queue limit reached.')
        expect(await failsWith((done) => pool.execute('SELECT 1', (error) => done(error)))).toBe('Queue limit reached.')
        await expect(pool.promise().query('SELECT 1')).rejects.toThrow('Queue limit reached.')
        await expect(pool.promise().getConnection()).rejects.toThrow('Queue limit reached.')
      })
      expect(exactFigures(report)).toEqual(refused(5))
      held.release()
      ;(await queued).release()
    } finally {
      await new Promise((resolve) => pool.end(resolve))
    }
  })

  it('counts "No connections available." (waitForConnections: false) once per refused checkout', async () => {
    const pool = instrument(mysql.createPool({ uri: url, connectionLimit: 1, waitForConnections: false }))
    try {
      const held = await poolCallback(pool)
      const { report } = await measureCost(async () => {
        expect(await failsWith((done) => pool.getConnection((error) => done(error)))).toBe('No connections available.')
        expect(await failsWith((done) => pool.query('SELECT 1', (error) => done(error)))).toBe('No connections available.')
        await expect(pool.promise().execute('SELECT 1')).rejects.toThrow('No connections available.')
      })
      expect(exactFigures(report)).toEqual(refused(3))
      held.release()
    } finally {
      await new Promise((resolve) => pool.end(resolve))
    }
  })

  it("leaves a queuing pool's config as it was: only a pool configured to refuse is watched", async () => {
    // An accessor would put the config in V8's dictionary mode, and mysql2 reads it on
    // every checkout (packages/mysql2/src/pool.ts, watchRefusals).
    const queuing = instrument(mysql.createPool({ uri: url, connectionLimit: 1 }))
    const refusing = instrument(mysql.createPool({ uri: url, connectionLimit: 1, queueLimit: 1 }))
    try {
      expect(Object.getOwnPropertyDescriptor(queuing.config, 'waitForConnections')).toEqual({
        value: true,
        writable: true,
        enumerable: true,
        configurable: true,
      })
      expect(Object.getOwnPropertyDescriptor(refusing.config, 'waitForConnections')?.get).toBeTypeOf('function')
    } finally {
      await Promise.all([queuing, refusing].map((pool) => new Promise((resolve) => pool.end(resolve))))
    }
  })

  it('counts a checkout that was waiting when the pool ended ("Pool is closed."), once', async () => {
    const pool = instrument(mysql.createPool({ uri: url, connectionLimit: 1 }))
    const held = await poolCallback(pool)
    const { report } = await measureCost(async () => {
      const waiting = failsWith((done) => pool.getConnection((error) => done(error)))
      const ended = new Promise((resolve) => pool.end(resolve))
      expect(await waiting).toBe('Pool is closed.')
      held.release()
      await ended
    })
    expect(exactFigures(report)).toEqual(refused(1))
  })

  it('does not count a checkout on a pool the application already ended (documented in docs/behaviour.md)', async () => {
    const pool = instrument(mysql.createPool({ uri: url, connectionLimit: 1 }))
    await new Promise((resolve) => pool.end(resolve))
    const { report } = await measureCost(async () => {
      expect(await failsWith((done) => pool.getConnection((error) => done(error)))).toBe('Pool is closed.')
    })
    expect(exactFigures(report)).toEqual({ count: 0, rows: 0, affected: 0, errors: 0, tables: {} })
  })
})

describe.skipIf(url === undefined)('@querycost/mysql2: a standalone connect(callback) that fails counts under mysql:(connection)', () => {
  it('counts connection.connect(cb) refused, once, for a connection made inside and one made outside the request', async () => {
    const port = await closedPort()
    const outside = instrument(mysql.createConnection({ host: '127.0.0.1', port, user: 'nobody' }))
    const { report } = await measureCost(async () => {
      expect(await failsWith((done) => outside.connect((error) => done(error)))).toMatch(/ECONNREFUSED/)
      const inside = instrument(mysql.createConnection({ host: '127.0.0.1', port, user: 'nobody' }))
      expect(await failsWith((done) => inside.connect((error) => done(error)))).toMatch(/ECONNREFUSED/)
      const made = instrumentModule(mysql).createConnection({ host: '127.0.0.1', port, user: 'nobody' })
      expect(await failsWith((done) => made.connect((error) => done(error)))).toMatch(/ECONNREFUSED/)
    })
    expect(exactFigures(report)).toEqual(refused(3))
  })

  it('counts nothing for a connect that succeeds', async () => {
    const good = instrument(mysql.createConnection({ uri: url }))
    const { report } = await measureCost(async () => {
      expect(await failsWith((done) => good.connect((error) => done(error)))).toBeUndefined()
    })
    expect(exactFigures(report)).toEqual({ count: 0, rows: 0, affected: 0, errors: 0, tables: {} })
    await new Promise((resolve) => good.end(resolve))
  })
})
