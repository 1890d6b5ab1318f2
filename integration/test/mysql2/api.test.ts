import { Socket } from 'node:net'
import { currentCost, measureCost } from '@querycost/core'
import { instrument, instrumentModule } from '@querycost/mysql2'
import mysql from 'mysql2'
import mysqlp from 'mysql2/promise'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { exactFigures, sleep } from '../../src/expect-report.js'
import { reportWhileWaiting } from '../../src/pool-wait.js'
import { ITEMS, type MysqlTables, ordersOf, seedMysql } from './fixtures.js'

const url = inject('mysqlUrl')

type Rows = Record<string, unknown>[]
type Header = { affectedRows: number; insertId: number }

/** A callback-API call as a promise: `fn(cb)` with mysql2's `(err, rows)` callback. */
function cb<R = Rows>(fn: (done: (err: Error | null, rows?: unknown) => void) => unknown): Promise<R> {
  return new Promise((resolve, reject) => {
    fn((err, rows) => (err ? reject(err) : resolve(rows as R)))
  })
}
const currentName = (): string | undefined => currentCost()?.name
/** A callback-API checkout: notes the request its callback runs in, sends one statement, releases. */
function checkOutAndQuery(pool: mysql.Pool, sql: string, seen: (name: string | undefined) => void): Promise<void> {
  return new Promise<void>((resolve, reject) =>
    pool.getConnection((err, c) => {
      if (err) return reject(err)
      seen(currentName())
      c.query(sql, (err2) => {
        c.release()
        return err2 ? reject(err2) : resolve()
      })
    }),
  )
}
const currentRows = (): number | undefined => currentCost()?.total.rows
const z = { affected: 0, errors: 0 }
// Runtime exports that mysql2's typings leave out.
const { Pool } = mysql as unknown as { Pool: new (...args: never[]) => unknown }
const { PromisePool } = mysqlp as unknown as { PromisePool: new (...args: never[]) => unknown }

describe.skipIf(url === undefined)('@querycost/mysql2: every way in, exact', () => {
  let t: MysqlTables
  let U: string
  let O: string
  let I: string
  let E: string
  let conn: mysql.Connection
  let pool: mysql.Pool

  beforeAll(async () => {
    t = await seedMysql(url as string, 'qc_my_api_')
    U = `mysql:${t.users}`
    O = `mysql:${t.orders}`
    I = `mysql:${t.items}`
    E = `mysql:${t.events}`
    conn = instrument(mysql.createConnection({ uri: url, multipleStatements: true }))
    pool = instrument(mysql.createPool({ uri: url, connectionLimit: 2, multipleStatements: true }))
  })
  afterAll(async () => {
    await new Promise((r) => (conn ? conn.end(() => r(undefined)) : r(undefined)))
    await new Promise((r) => (pool ? pool.end(() => r(undefined)) : r(undefined)))
  })

  it('connection.query, callback API: text, values, { sql, values }; callbacks keep the caller context', async () => {
    const seen: Array<string | undefined> = []
    // Records the context the callback runs in, then completes.
    const noted =
      (d: (e: Error | null, r?: unknown) => void) =>
      (e: Error | null, r?: unknown): void => {
        seen.push(currentName())
        d(e, r)
      }
    const { report } = await measureCost(
      async () => {
        await cb((d) => conn.query(`SELECT * FROM ${t.users} WHERE id <= 3`, noted(d)))
        await cb((d) => conn.query(`SELECT * FROM ${t.users} WHERE id <= ?`, [5], noted(d)))
        await cb((d) => conn.query({ sql: `SELECT id FROM ${t.items} WHERE id <= ?`, values: [7] }, noted(d)))
        await cb((d) => conn.query('SELECT 1 AS one', d))
      },
      { name: 'conn-cb' },
    )
    expect(seen).toEqual(['conn-cb', 'conn-cb', 'conn-cb'])
    expect(exactFigures(report)).toEqual({
      count: 4,
      rows: 3 + 5 + 7 + 1,
      ...z,
      tables: {
        [U]: { count: 2, rows: 8, ...z },
        [I]: { count: 1, rows: 7, ...z },
        'mysql:(none)': { count: 1, rows: 1, ...z },
      },
    })
    expect(report.systems.mysql?.count).toBe(4)
  })

  it('connection.execute: each execution of a prepared statement counts, the prepare step does not', async () => {
    const { report } = await measureCost(async () => {
      for (const id of [1, 2, 3]) await cb((d) => conn.execute(`SELECT * FROM ${t.users} WHERE id = ?`, [id], d))
      await cb((d) => conn.execute({ sql: `SELECT * FROM ${t.items} WHERE id <= ?`, values: [4] }, d))
      await cb((d) => conn.execute(`SELECT * FROM ${t.items} WHERE id <= 2`, d))
    })
    expect(exactFigures(report)).toEqual({
      count: 5,
      rows: 3 + 4 + 2,
      ...z,
      tables: { [U]: { count: 3, rows: 3, ...z }, [I]: { count: 2, rows: 6, ...z } },
    })
  })

  it('connection.prepare + statement.execute (callback and promise): one operation per execution', async () => {
    const { report } = await measureCost(async () => {
      const stmt = await cb<{ execute: (p: unknown[], d: (e: Error | null, r?: unknown) => void) => void; close: () => void }>((d) =>
        conn.prepare(`SELECT * FROM ${t.items} WHERE id <= ?`, d),
      )
      await cb((d) => stmt.execute([3], d))
      await cb((d) => stmt.execute([5], d))
      const pc = conn.promise()
      const pstmt = await pc.prepare(`SELECT * FROM ${t.users} WHERE id <= ?`)
      const [rows] = await pstmt.execute([6])
      expect(rows).toHaveLength(6)
      await pstmt.close()
    })
    expect(exactFigures(report)).toEqual({
      count: 3,
      rows: 3 + 5 + 6,
      ...z,
      tables: { [I]: { count: 2, rows: 8, ...z }, [U]: { count: 1, rows: 6, ...z } },
    })
  })

  it('counts writes (ResultSetHeader.affectedRows) and errors once; the driver error reaches the caller unchanged', async () => {
    let cbError: (Error & { code?: string; errno?: number }) | undefined
    let promiseError: (Error & { code?: string; errno?: number; sql?: string }) | undefined
    const { report } = await measureCost(async () => {
      const ins = await cb<Header>((d) => conn.query(`INSERT INTO ${t.events} (ctx, kind) VALUES (1, 'a'), (1, 'b'), (1, 'c')`, d))
      expect(ins.affectedRows).toBe(3)
      await cb((d) => conn.execute(`UPDATE ${t.events} SET kind = 'z' WHERE ctx = ? AND kind IN ('a', 'b')`, [1], d))
      await conn.promise().query(`INSERT INTO ${t.events} (ctx, kind) VALUES (?, ?)`, [1, 'r'])
      await cb((d) => conn.query(`DELETE FROM ${t.events} WHERE ctx = 1`, d))
      cbError = await new Promise((resolve) => conn.query(`SELECT * FROM qc_my_api_missing`, (e: Error | null) => resolve(e as never)))
      promiseError = await pool
        .promise()
        .execute('SELECT * FROM qc_my_api_missing WHERE id = ?', [1])
        .then(
          () => undefined,
          (e: unknown) => e as never,
        )
    })
    expect(cbError).toBeInstanceOf(Error)
    expect(cbError?.code).toBe('ER_NO_SUCH_TABLE')
    expect(cbError?.errno).toBe(1146)
    expect(promiseError?.code).toBe('ER_NO_SUCH_TABLE')
    expect(promiseError?.sql).toBe('SELECT * FROM qc_my_api_missing WHERE id = ?')
    const withOps = {
      count: 0,
      rows: 0,
      affected: 0,
      errors: 0,
      tables: { [E]: { count: 0, rows: 0, affected: 0, errors: 0, operations: {} } },
    }
    expect(exactFigures(report, withOps)).toEqual({
      count: 6,
      rows: 0,
      affected: 3 + 2 + 1 + 4,
      errors: 2,
      tables: {
        [E]: {
          count: 4,
          rows: 0,
          affected: 10,
          errors: 0,
          operations: {
            INSERT: { count: 2, rows: 0, affected: 4, errors: 0 },
            UPDATE: { count: 1, rows: 0, affected: 2, errors: 0 },
            DELETE: { count: 1, rows: 0, affected: 4, errors: 0 },
          },
        },
        'mysql:qc_my_api_missing': { count: 2, rows: 0, affected: 0, errors: 2 },
      },
    })
  })

  it('splits a multi-statement query into one operation per statement (callback and promise)', async () => {
    const text = `SELECT * FROM ${t.users} WHERE id <= 2; INSERT INTO ${t.events} (ctx, kind) VALUES (2, 'm'), (2, 'n'); SELECT id FROM ${t.items} WHERE id <= 3`
    const { report } = await measureCost(async () => {
      const results = await cb<unknown[]>((d) => conn.query(text, d))
      expect(results).toHaveLength(3)
      const [presults] = await pool.promise().query(text)
      expect(presults).toHaveLength(3)
    })
    expect(exactFigures(report)).toEqual({
      count: 6,
      rows: 10,
      affected: 4,
      errors: 0,
      tables: {
        [U]: { count: 2, rows: 4, ...z },
        [E]: { count: 2, rows: 0, affected: 4, errors: 0 },
        [I]: { count: 2, rows: 6, ...z },
      },
    })
  })

  it('a multi-statement query that fails in its second statement: the error lands on that statement', async () => {
    const { result, report } = await measureCost(() =>
      cb((d) => conn.query(`SELECT * FROM ${t.users} WHERE id <= 2; SELECT * FROM qc_my_api_missing; SELECT * FROM ${t.items}`, d)).then(
        () => undefined,
        (e: unknown) => e,
      ),
    )
    expect((result as { code?: string }).code).toBe('ER_NO_SUCH_TABLE')
    expect(exactFigures(report)).toEqual({
      count: 3,
      rows: 0,
      affected: 0,
      errors: 1,
      tables: {
        [U]: { count: 1, rows: 0, ...z },
        'mysql:qc_my_api_missing': { count: 1, rows: 0, affected: 0, errors: 1 },
        [I]: { count: 1, rows: 0, ...z },
      },
    })
  })

  it('counts a join once in total and once in each table', async () => {
    const { report } = await measureCost(() =>
      pool.promise().query(`SELECT u.id, o.total FROM ${t.users} u JOIN ${t.orders} o ON o.user_id = u.id WHERE u.id = ?`, [3]),
    )
    expect(exactFigures(report)).toEqual({
      count: 1,
      rows: ordersOf(3),
      ...z,
      tables: { [U]: { count: 1, rows: 3, ...z }, [O]: { count: 1, rows: 3, ...z } },
    })
  })

  it('counts query().stream() rows as they arrive; stream events keep the caller context', async () => {
    const names = new Set<string | undefined>()
    let rowsAtFirst: number | undefined
    const { report } = await measureCost(
      () =>
        new Promise<void>((resolve, reject) => {
          let n = 0
          const stream = conn.query(`SELECT * FROM ${t.items}`).stream({ highWaterMark: 8 })
          stream.on('data', () => {
            if (n++ === 0) rowsAtFirst = currentRows()
            names.add(currentName())
          })
          stream.on('error', reject)
          stream.on('end', () => (n === ITEMS ? resolve() : reject(new Error(`got ${n}`))))
        }),
      { name: 'stream' },
    )
    expect([...names]).toEqual(['stream'])
    expect(rowsAtFirst).toBeGreaterThanOrEqual(1)
    expect(rowsAtFirst).toBeLessThan(ITEMS)
    expect(exactFigures(report)).toEqual({ count: 1, rows: ITEMS, ...z, tables: { [I]: { count: 1, rows: ITEMS, ...z } } })
  })

  it("counts 'result' row events (no callback) on a connection and a pool, and an emitted error once", async () => {
    const names = new Set<string | undefined>()
    const events = (q: { on: (e: string, f: (...a: unknown[]) => void) => unknown }): Promise<number> =>
      new Promise((resolve, reject) => {
        let n = 0
        q.on('result', () => {
          n++
          names.add(currentName())
        })
        q.on('error', reject)
        q.on('end', () => resolve(n))
      })
    let emitted: unknown
    const { report } = await measureCost(
      async () => {
        expect(await events(conn.query(`SELECT * FROM ${t.users} WHERE id <= ?`, [9]) as never)).toBe(9)
        expect(await events(pool.query(`SELECT * FROM ${t.items} WHERE id <= 11`) as never)).toBe(11)
        expect(await events(conn.execute(`SELECT * FROM ${t.items} WHERE id <= ?`, [4]) as never)).toBe(4)
        // An insert without a callback: its ResultSetHeader arrives as one 'result'.
        expect(await events(conn.query(`INSERT INTO ${t.events} (ctx, kind) VALUES (3, 'e'), (3, 'f')`) as never)).toBe(1)
        expect(await events(conn.query(`DELETE FROM ${t.events} WHERE ctx = 3`) as never)).toBe(1)
        emitted = await events(conn.query('SELECT * FROM qc_my_api_missing') as never).then(
          () => undefined,
          (e: unknown) => e,
        )
      },
      { name: 'events' },
    )
    expect((emitted as { code?: string }).code).toBe('ER_NO_SUCH_TABLE')
    expect([...names]).toEqual(['events'])
    expect(exactFigures(report)).toEqual({
      count: 6,
      rows: 9 + 11 + 4,
      affected: 4,
      errors: 1,
      tables: {
        [U]: { count: 1, rows: 9, ...z },
        [I]: { count: 2, rows: 15, ...z },
        [E]: { count: 2, rows: 0, affected: 4, errors: 0 },
        'mysql:qc_my_api_missing': { count: 1, rows: 0, affected: 0, errors: 1 },
      },
    })
  })

  it('counts pool.query and pool.execute (callback and promise) once, not again on the connection they use', async () => {
    const pp = pool.promise()
    const { report } = await measureCost(async () => {
      await cb((d) => pool.query(`SELECT * FROM ${t.users} WHERE id <= 4`, d))
      await cb((d) => pool.execute(`SELECT * FROM ${t.users} WHERE id <= ?`, [6], d))
      await pp.query(`SELECT * FROM ${t.items} WHERE id <= ?`, [2])
      await pp.execute(`SELECT * FROM ${t.items} WHERE id <= ?`, [3])
    })
    expect(exactFigures(report)).toEqual({
      count: 4,
      rows: 4 + 6 + 2 + 3,
      ...z,
      tables: { [U]: { count: 2, rows: 10, ...z }, [I]: { count: 2, rows: 5, ...z } },
    })
  })

  it('the promise API still gives native Promises, and a userland Promise stays as given and is counted the same', async () => {
    const pp = pool.promise() as unknown as { Promise: unknown; query(sql: string): Promise<unknown> }
    const made = pp.query('SELECT 1')
    expect(Object.getPrototypeOf(made)).toBe(Promise.prototype)
    expect(made).toBeInstanceOf(pp.Promise as never)
    await made
    class Userland<T> extends Promise<T> {}
    const up = pool.promise(Userland as never)
    expect((up as unknown as { Promise: unknown }).Promise).toBe(Userland)
    const { report } = await measureCost(async () => {
      const q = up.query(`SELECT * FROM ${t.items} WHERE id <= ?`, [4])
      expect(q).toBeInstanceOf(Userland)
      await q
      const c = await up.getConnection()
      await c.execute(`SELECT * FROM ${t.users} WHERE id <= ?`, [3])
      c.release()
    })
    expect(exactFigures(report)).toEqual({
      count: 2,
      rows: 4 + 3,
      ...z,
      tables: { [I]: { count: 1, rows: 4, ...z }, [U]: { count: 1, rows: 3, ...z } },
    })
  })

  it('counts checked-out connections from getConnection (callback and promise)', async () => {
    const { report } = await measureCost(async () => {
      const c1 = await cb<mysql.PoolConnection>((d) => pool.getConnection(d as never))
      await cb((d) => c1.query(`SELECT * FROM ${t.items} WHERE id <= 10`, d))
      await cb((d) => c1.execute(`SELECT * FROM ${t.items} WHERE id <= ?`, [5], d))
      c1.release()
      const c2 = await pool.promise().getConnection()
      await c2.query(`SELECT * FROM ${t.items} WHERE id <= 20`)
      await c2.execute(`SELECT * FROM ${t.users} WHERE id <= ?`, [1])
      c2.release()
    })
    expect(exactFigures(report)).toEqual({
      count: 4,
      rows: 10 + 5 + 20 + 1,
      ...z,
      tables: { [I]: { count: 3, rows: 35, ...z }, [U]: { count: 1, rows: 1, ...z } },
    })
  })

  it('a getConnection callback a busy pool runs after another request released still sees its own request; its wait is poolWaitMs', async () => {
    const small = instrument(mysql.createPool({ uri: url, connectionLimit: 1 }))
    try {
      const holder = measureCost(
        async () => {
          const c = await cb<mysql.PoolConnection>((d) => small.getConnection(d as never))
          await cb((d) => c.query('SELECT 1', d))
          await sleep(40)
          c.release()
        },
        { name: 'holder' },
      )
      await sleep(10)
      let seen: string | undefined
      const waiter = measureCost(
        () =>
          checkOutAndQuery(small, `SELECT * FROM ${t.users} WHERE id <= 2`, (name) => {
            seen = name
          }),
        { name: 'waiter' },
      )
      const [h, w] = await Promise.all([holder, waiter])
      expect(seen).toBe('waiter')
      expect(exactFigures(h.report)).toEqual({ count: 1, rows: 1, ...z, tables: { 'mysql:(none)': { count: 1, rows: 1, ...z } } })
      expect(exactFigures(w.report)).toEqual({ count: 1, rows: 2, ...z, tables: { [U]: { count: 1, rows: 2, ...z } } })
      expect(w.report.poolWaitMs).toBeGreaterThanOrEqual(20)
    } finally {
      await new Promise((r) => small.end(() => r(undefined)))
    }
  })

  it('shows a wait for a pooled connection while it lasts, in currentCost()', async () => {
    const small = instrument(mysql.createPool({ uri: url, connectionLimit: 1 }))
    try {
      const held = await cb<mysql.PoolConnection>((d) => small.getConnection(d as never))
      const { during, report } = await reportWhileWaiting(
        () => small.promise().query(`SELECT * FROM ${t.users} WHERE id <= 2`),
        () => held.release(),
      )
      expect(during.count).toBe(0)
      expect(during.poolWaitMs).toBeGreaterThanOrEqual(59)
      expect(exactFigures(report)).toEqual({ count: 1, rows: 2, ...z, tables: { [U]: { count: 1, rows: 2, ...z } } })
      expect(report.poolWaitMs).toBeGreaterThanOrEqual(during.poolWaitMs)
      expect(report.poolWaitMs).toBeLessThan(during.poolWaitMs + 50)
    } finally {
      await new Promise((r) => small.end(() => r(undefined)))
    }
  })

  it('leaves no wait open when the pool throws while checking a connection out', async () => {
    const broken = instrument(
      mysql.createPool({
        stream: () => {
          throw new Error('no stream')
        },
        connectionLimit: 1,
      }),
    )
    const { report } = await measureCost(async () => {
      expect(() => broken.getConnection(() => {})).toThrow('no stream')
      await sleep(40)
    })
    expect(report.total.count).toBe(0)
    expect(report.poolWaitMs).toBeLessThan(5)
  })

  it('waiters a destroyed connection sends back to getConnection count once, in their own request, and their wait is not the releaser’s', async () => {
    // Every connection after the first takes 40 ms to open: the re-queued waiter's wait
    // is long, so counting it a second time, in the releaser's request, would show.
    const { hostname, port } = new URL(url as string)
    let opened = 0
    const stream = (): Socket => {
      const socket = new Socket()
      const open = () => socket.connect(Number(port || 3306), hostname)
      if (opened++ === 0) open()
      else setTimeout(open, 40)
      return socket
    }
    const small = instrument(mysql.createPool({ uri: url, connectionLimit: 1, stream }))
    const sp = small.promise()
    try {
      await cb((d) => small.query('SELECT 1', d)) // the one connection is open and free
      const holder = measureCost(
        async () => {
          const c = await cb<mysql.PoolConnection>((d) => small.getConnection(d as never))
          await cb((d) => c.query('SELECT 1', d))
          await sleep(40)
          c.destroy() // mysql2 re-queues the first waiter through this.getConnection, in this request
          await sleep(80) // open until the waiters are done
        },
        { name: 'holder' },
      )
      await sleep(10)
      let seen: string | undefined
      const byCallback = measureCost(
        () =>
          checkOutAndQuery(small, `SELECT * FROM ${t.users} WHERE id <= 2`, (name) => {
            seen = name
          }),
        { name: 'callback waiter' },
      )
      const byPromise = measureCost(() => sp.query(`SELECT * FROM ${t.items} WHERE id <= 3`), { name: 'promise waiter' })
      const [h, c, p] = await Promise.all([holder, byCallback, byPromise])
      expect(seen).toBe('callback waiter')
      expect(exactFigures(h.report)).toEqual({ count: 1, rows: 1, ...z, tables: { 'mysql:(none)': { count: 1, rows: 1, ...z } } })
      expect(exactFigures(c.report)).toEqual({ count: 1, rows: 2, ...z, tables: { [U]: { count: 1, rows: 2, ...z } } })
      expect(exactFigures(p.report)).toEqual({ count: 1, rows: 3, ...z, tables: { [I]: { count: 1, rows: 3, ...z } } })
      // The holder checked a free connection out; the waiters' 30 + 40 ms are theirs alone.
      expect(h.report.poolWaitMs).toBeLessThan(15)
      expect(c.report.poolWaitMs).toBeGreaterThanOrEqual(60)
      expect(p.report.poolWaitMs).toBeGreaterThanOrEqual(60)
    } finally {
      await new Promise((r) => small.end(() => r(undefined)))
    }
  })

  it('counts a PoolCluster: of(pattern).query/execute, getConnection, and the promise cluster', async () => {
    const cluster = instrument(mysql.createPoolCluster())
    cluster.add('a', { uri: url, connectionLimit: 1 } as never)
    cluster.add('b', { uri: url, connectionLimit: 1 } as never)
    try {
      const { report } = await measureCost(async () => {
        const ns = cluster.of('*')
        await cb((d) => ns.query(`SELECT * FROM ${t.users} WHERE id <= 2`, d))
        await cb((d) => ns.execute(`SELECT * FROM ${t.users} WHERE id <= ?`, [3], d))
        const c = await cb<mysql.PoolConnection>((d) => cluster.getConnection(d as never))
        await cb((d) => c.query(`SELECT * FROM ${t.items} WHERE id <= 4`, d))
        c.release()
      })
      expect(exactFigures(report)).toEqual({
        count: 3,
        rows: 2 + 3 + 4,
        ...z,
        tables: { [U]: { count: 2, rows: 5, ...z }, [I]: { count: 1, rows: 4, ...z } },
      })
    } finally {
      await new Promise((r) => cluster.end(() => r(undefined)))
    }
    const pcluster = instrument(mysqlp.createPoolCluster())
    pcluster.add('p', { uri: url, connectionLimit: 1 } as never)
    try {
      const { report } = await measureCost(async () => {
        await pcluster.of('*').query(`SELECT * FROM ${t.items} WHERE id <= 5`)
        await pcluster.of('*').execute(`SELECT * FROM ${t.items} WHERE id <= ?`, [6])
        const c = await pcluster.getConnection()
        await c.query(`SELECT * FROM ${t.users} WHERE id <= 7`)
        c.release()
      })
      expect(exactFigures(report)).toEqual({
        count: 3,
        rows: 5 + 6 + 7,
        ...z,
        tables: { [I]: { count: 2, rows: 11, ...z }, [U]: { count: 1, rows: 7, ...z } },
      })
    } finally {
      await pcluster.end()
    }
  })

  it('counts mysql2/promise connections and pools, and transaction helpers as statements', async () => {
    const pc = instrument(await mysqlp.createConnection({ uri: url as string }))
    const ppool = instrument(mysqlp.createPool({ uri: url as string, connectionLimit: 2 }))
    try {
      const { report } = await measureCost(async () => {
        await pc.beginTransaction()
        await pc.query(`INSERT INTO ${t.events} (ctx, kind) VALUES (?, ?)`, [4, 't'])
        await pc.execute(`SELECT * FROM ${t.users} WHERE id <= ?`, [2])
        await pc.rollback()
        const [rows] = await ppool.query(`SELECT * FROM ${t.items} WHERE id <= ?`, [8])
        expect(rows).toHaveLength(8)
        const c = await ppool.getConnection()
        await c.execute(`SELECT * FROM ${t.items} WHERE id <= ?`, [1])
        c.release()
      })
      expect(exactFigures(report)).toEqual({
        count: 6,
        rows: 2 + 8 + 1,
        affected: 1,
        errors: 0,
        tables: {
          'mysql:(none)': { count: 2, rows: 0, ...z },
          [E]: { count: 1, rows: 0, affected: 1, errors: 0 },
          [U]: { count: 1, rows: 2, ...z },
          [I]: { count: 2, rows: 9, ...z },
        },
      })
    } finally {
      await pc.end()
      await ppool.end()
    }
  })

  it('analyses { sql, values } options, never stores values, counts rowsAsArray rows', async () => {
    const { report } = await measureCost(async () => {
      await cb((d) => conn.query({ sql: `SELECT * FROM ${t.items} WHERE label = ?`, values: ["item 5' OR '1'='1"] }, d))
      await cb((d) => conn.query({ sql: `SELECT id, label FROM ${t.items} WHERE id <= 3`, rowsAsArray: true }, d))
      await cb((d) => conn.execute({ sql: `SELECT id FROM ${t.users} WHERE name = ?`, values: ['user 7'] }, d))
    })
    expect(exactFigures(report)).toEqual({
      count: 3,
      rows: 0 + 3 + 1,
      ...z,
      tables: { [I]: { count: 2, rows: 3, ...z }, [U]: { count: 1, rows: 1, ...z } },
    })
    expect(JSON.stringify(report)).not.toContain('item 5')
    expect(JSON.stringify(report)).not.toContain('user 7')
  })

  // mysql2 formats a ?? value as a backquoted identifier; the table is found once the
  // analyser drops the quotes (DESIGN: "table names are as written, without quotes").
  it('finds the table of a ?? identifier placeholder', async () => {
    const { report } = await measureCost(() => cb((d) => conn.query('SELECT * FROM ?? WHERE id <= ?', [t.users, 2], d)))
    expect(exactFigures(report)).toEqual({ count: 1, rows: 2, ...z, tables: { [U]: { count: 1, rows: 2, ...z } } })
  })

  it('never counts twice when instrumented twice (also through its promise wrapper), and keeps instanceof', async () => {
    const twice = instrument(instrument(pool))
    const promised = instrument(pool.promise())
    expect(twice).toBe(pool)
    expect(twice).toBeInstanceOf(Pool)
    expect(promised).toBeInstanceOf(PromisePool)
    const { report } = await measureCost(async () => {
      await promised.query('SELECT 1')
      await cb((d) => twice.query('SELECT 1', d))
    })
    expect(report.total.count).toBe(2)
  })

  it('offers an instrumented module for ORMs that create their own connections', async () => {
    const mod = instrumentModule(mysql)
    const p = mod.createPool({ uri: url, connectionLimit: 1 })
    const pmod = instrumentModule(mysqlp)
    const pc = await pmod.createConnection({ uri: url as string })
    try {
      expect(p).toBeInstanceOf(Pool)
      expect(mod.escape).toBe(mysql.escape)
      const { report } = await measureCost(async () => {
        await cb((d) => p.query(`SELECT * FROM ${t.users} WHERE id <= 9`, d))
        await pc.query(`SELECT * FROM ${t.users} WHERE id <= 1`)
      })
      expect(exactFigures(report)).toEqual({ count: 2, rows: 10, ...z, tables: { [U]: { count: 2, rows: 10, ...z } } })
    } finally {
      await new Promise((r) => p.end(() => r(undefined)))
      await pc.end()
    }
  })
})
