import { allowRepeats, measureCost } from '@querycost/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { costSnapshot, querycostMatchers } from '../src/index.js'
import { connect } from './databases.js'

expect.extend(querycostMatchers)

let db: Awaited<ReturnType<typeof connect>>
beforeAll(async () => {
  db = await connect()
})
afterAll(async () => {
  await db?.close()
})

/** A request's work: 2 pg SELECTs (1 and 5 rows), 1 MySQL INSERT, 3 Redis commands. */
async function checkout(user: number): Promise<void> {
  await db.pool.query('SELECT name FROM qc_vt_users WHERE id = $1', [user])
  await db.pool.query('SELECT id FROM qc_vt_users WHERE id <= $1', [5])
  await db.my.query('INSERT INTO qc_vt_orders (user_id) VALUES (?)', [user])
  await db.redis.set(`cart:${user}`, 'x')
  await db.redis.get(`cart:${user}`)
  await db.redis.del(`cart:${user}`)
}

describe('toHaveQueryCount', () => {
  it('counts in total, per system and per table, exactly', async () => {
    const { report } = await measureCost(() => checkout(7))
    expect(report).toHaveQueryCount(6)
    expect(report).toHaveQueryCount(2, 'pg')
    expect(report).toHaveQueryCount(1, 'mysql')
    expect(report).toHaveQueryCount(3, 'redis')
    expect(report).toHaveQueryCount(2, 'pg:qc_vt_users')
    expect(report).toHaveQueryCount(1, 'mysql:qc_vt_orders')
    expect(report).toHaveQueryCount(3, 'redis:cart')
    expect(report).toHaveQueryCount(0, 'pg:nothing')
    expect(report).not.toHaveQueryCount(5)
  })

  it('fails with the expected and actual counts and the per-table breakdown', async () => {
    const { report } = await measureCost(() => checkout(8))
    expect(() => expect(report).toHaveQueryCount(5)).toThrow(
      'expected 5 queries, got 6\n  per table:\n    pg:qc_vt_users: SELECT 2\n    mysql:qc_vt_orders: INSERT 1\n    redis:cart: SET 1, GET 1, DEL 1',
    )
    expect(() => expect(report).toHaveQueryCount(1, 'pg')).toThrow(/^expected 1 query on pg, got 2/)
    expect(() => expect(undefined).toHaveQueryCount(1)).toThrow('toHaveQueryCount: expected a querycost report')
  })
})

describe('toHaveNoRepeatedStatements', () => {
  const loop = async (): Promise<void> => {
    for (let id = 1; id <= 12; id++) await db.pool.query('SELECT name FROM qc_vt_users WHERE id = $1', [id])
  }

  it('fails on a loop of 12 identical statements, naming the statement and its count', async () => {
    const { report } = await measureCost(loop)
    expect(report.repeated).toHaveLength(1)
    expect(() => expect(report).toHaveNoRepeatedStatements()).toThrow(
      'expected no repeated statements (N+1), found 1:\n    12× pg: select name from qc_vt_users where id = ?\n  Batch the loop into one statement, or mark a known loop with allowRepeats().',
    )
  })

  it('passes for a batched query, and for a loop marked with allowRepeats()', async () => {
    const batched = await measureCost(() => db.pool.query('SELECT name FROM qc_vt_users WHERE id = ANY($1)', [[1, 2, 3]]))
    expect(batched.report).toHaveNoRepeatedStatements()
    const allowed = await measureCost(() => allowRepeats(loop))
    expect(allowed.report.repeated[0]).toMatchObject({ count: 12, allowed: true })
    expect(allowed.report).toHaveNoRepeatedStatements()
  })
})

describe('toMatchCostSnapshot', () => {
  it('holds per table and operation counts with rows in buckets, and no durations', async () => {
    const { report } = await measureCost(() => checkout(9))
    expect(costSnapshot(report)).toEqual({
      'mysql:qc_vt_orders': { INSERT: { count: 1, rows: '0', affected: '1' } },
      'pg:qc_vt_users': { SELECT: { count: 2, rows: '2-9' } },
      'redis:cart': {
        DEL: { count: 1, rows: '0', affected: '1' },
        GET: { count: 1, rows: '1' },
        SET: { count: 1, rows: '0', affected: '1' },
      },
    })
    expect(report).toMatchCostSnapshot()
  })
})
