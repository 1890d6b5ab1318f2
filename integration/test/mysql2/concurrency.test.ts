import { isDeepStrictEqual } from 'node:util'
import { type CostReport, lostContextStats, measureCost, resetLostContext } from '@querycost/core'
import { setCallbackBinding } from '@querycost/core/driver'
import { instrument } from '@querycost/mysql2'
import mysql from 'mysql2'
import type { Pool as PromisePool } from 'mysql2/promise'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { addExpected, type Expected, exactFigures, expected, random, sleep } from '../../src/expect-report.js'
import { type MysqlTables, ordersOf, seedMysql } from './fixtures.js'

const url = inject('mysqlUrl')
const CONTEXTS = 200

type Callback = (err: Error | null, rows?: unknown) => void
type Statement = { execute: (params: unknown[], cb: Callback) => void }

function call<R>(fn: (done: Callback) => unknown): Promise<R> {
  return new Promise((resolve, reject) => {
    fn((err, rows) => (err ? reject(err) : resolve(rows as R)))
  })
}

/**
 * One request's work: a different, known amount through every API style (pool
 * shortcuts, checked-out connections, callback and promise, execute and prepared
 * statements, a stream, 'result' events, multi-statement, errors), with random delays
 * between steps. Returns what its report must say.
 */
async function work(i: number, pool: mysql.Pool, pp: PromisePool, t: MysqlTables, rnd: () => number): Promise<Expected> {
  const U = `mysql:${t.users}`
  const O = `mysql:${t.orders}`
  const I = `mysql:${t.items}`
  const E = `mysql:${t.events}`
  const e = expected()
  const pause = () => sleep(Math.floor(rnd() * 3))

  // Promise pool.query: 1..3 times, (i % 5) + 1 users each.
  for (let k = 0; k <= i % 3; k++) {
    await pp.query(`SELECT * FROM ${t.users} WHERE id <= ?`, [(i % 5) + 1])
    addExpected(e, [U], (i % 5) + 1, 0)
  }
  await pause()

  // Callback pool.query: a user's orders joined with the user; callback pool.execute.
  const user = (i % 50) + 1
  await call((d) => pool.query(`SELECT o.* FROM ${t.orders} o JOIN ${t.users} u ON u.id = o.user_id WHERE u.id = ?`, [user], d))
  addExpected(e, [O, U], ordersOf(user), 0)
  await call((d) => pool.execute(`SELECT id FROM ${t.items} WHERE id <= ?`, [(i % 9) + 1], d))
  addExpected(e, [I], (i % 9) + 1, 0)
  await pause()

  // getConnection with a callback; inside it, a callback chain of query, execute and a
  // prepared statement: the classic place where a busy pool loses the request.
  await new Promise<void>((resolve, reject) => {
    pool.getConnection((err, conn) => {
      if (err) return reject(err)
      const fail = (e: Error): void => {
        conn.release()
        reject(e)
      }
      conn.query(`SELECT id FROM ${t.items} WHERE id <= ?`, [(i % 7) + 1], (err1) => {
        if (err1) return fail(err1)
        conn.execute(`INSERT INTO ${t.events} (ctx, kind) VALUES (?, ?)`, [i, 'w'], (err2) => {
          if (err2) return fail(err2)
          conn.prepare(`SELECT * FROM ${t.users} WHERE id <= ?`, (err3, stmt) => {
            if (err3) return fail(err3)
            ;(stmt as unknown as Statement).execute([(i % 4) + 1], (err4) => {
              conn.release()
              return err4 ? reject(err4) : resolve()
            })
          })
        })
      })
    })
  })
  addExpected(e, [I], (i % 7) + 1, 0)
  addExpected(e, [E], 0, 1)
  addExpected(e, [U], (i % 4) + 1, 0)
  await pause()

  // Promise getConnection: execute, a multi-statement write, a stream or 'result' events.
  const conn = await pp.getConnection()
  try {
    await conn.execute(`SELECT * FROM ${t.items} WHERE id <= ?`, [(i % 11) + 1])
    addExpected(e, [I], (i % 11) + 1, 0)
    if (i % 7 === 0) {
      await conn.query(`SELECT * FROM ${t.users} WHERE id <= 2; DELETE FROM ${t.events} WHERE ctx = ${i}`)
      addExpected(e, [U], 2, 0)
      addExpected(e, [E], 0, 1)
    }
    const core = conn.connection as unknown as mysql.PoolConnection
    const rows = (i % 13) + 1
    if (i % 2 === 0) {
      let n = 0
      for await (const _row of core.query(`SELECT id FROM ${t.items} WHERE id <= ?`, [rows]).stream({ highWaterMark: 4 })) {
        n++
        if (n % 5 === 0) await pause()
      }
      expect(n).toBe(rows)
    } else {
      const n = await new Promise<number>((resolve, reject) => {
        let got = 0
        const q = core.query(`SELECT id FROM ${t.items} WHERE id <= ?`, [rows])
        q.on('result', () => got++)
        q.on('error', reject)
        q.on('end', () => resolve(got))
      })
      expect(n).toBe(rows)
    }
    addExpected(e, [I], rows, 0)
  } finally {
    conn.release()
  }
  await pause()

  // Every fifth request hits an error, counted once and passed on unchanged.
  if (i % 5 === 0) {
    const error = await call((d) => pool.query(`SELECT * FROM ${t.events}_missing`, d)).then(
      () => undefined,
      (err: unknown) => err,
    )
    expect((error as { code?: string }).code).toBe('ER_NO_SUCH_TABLE')
    addExpected(e, [`mysql:${t.events}_missing`], 0, 0, 1)
  }
  return e
}

async function runAll(pool: mysql.Pool, t: MysqlTables, seed: number): Promise<{ reports: CostReport[]; expectations: Expected[] }> {
  const pp = pool.promise()
  const expectations: Expected[] = new Array(CONTEXTS)
  const runs = Array.from({ length: CONTEXTS }, (_, i) =>
    measureCost(
      async () => {
        await sleep(i % 4)
        expectations[i] = await work(i, pool, pp, t, random(seed + i))
      },
      { name: `ctx-${i}` },
    ).then(({ report }) => report),
  )
  return { reports: await Promise.all(runs), expectations }
}

describe.skipIf(url === undefined)('@querycost/mysql2: exact attribution under concurrency', () => {
  let pool: mysql.Pool
  let t: MysqlTables

  beforeAll(async () => {
    t = await seedMysql(url as string, 'qc_my_cc_')
    pool = instrument(mysql.createPool({ uri: url, connectionLimit: 2, multipleStatements: true }))
  })
  afterAll(async () => {
    setCallbackBinding(true)
    await new Promise((r) => (pool ? pool.end(() => r(undefined)) : r(undefined)))
  })

  it(`${CONTEXTS} concurrent contexts over a pool of 2: every report exact, no lost context`, async () => {
    resetLostContext()
    const { reports, expectations } = await runAll(pool, t, 1)
    for (let i = 0; i < CONTEXTS; i++) {
      expect({ i, ...exactFigures(reports[i] as CostReport) }).toEqual({ i, ...expectations[i] })
    }
    expect(lostContextStats().total.count).toBe(0)
    const all = reports.reduce((n, r) => n + r.total.count, 0)
    expect(all).toBe(expectations.reduce((n, e) => n + e.count, 0))
    expect(reports.some((r) => r.poolWaitMs > 0)).toBe(true)
  })

  it('the same test fails when callback rebinding is switched off', async () => {
    resetLostContext()
    setCallbackBinding(false)
    try {
      const { reports, expectations } = await runAll(pool, t, 2)
      const wrong = reports.filter((r, i) => !isDeepStrictEqual(exactFigures(r), expectations[i])).length
      // Without rebinding, callbacks run in whichever request created or released the
      // connection, and so do the statements they send.
      expect(wrong).toBeGreaterThan(CONTEXTS / 10)
    } finally {
      setCallbackBinding(true)
    }
  })
})
