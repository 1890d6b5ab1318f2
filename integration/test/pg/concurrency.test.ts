import { isDeepStrictEqual } from 'node:util'
import { type CostReport, lostContextStats, measureCost, resetLostContext } from '@querycost/core'
import { setCallbackBinding } from '@querycost/core/driver'
import { instrument } from '@querycost/pg'
import pg from 'pg'
import Cursor from 'pg-cursor'
import QueryStream from 'pg-query-stream'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { addExpected, type Expected, exactFigures, expected, random, sleep } from '../../src/expect-report.js'
import { ordersOf, seedPg } from './fixtures.js'

const url = inject('pgUrl')
const CONTEXTS = 200

const USERS = 'pg:qc_pg_users'
const ORDERS = 'pg:qc_pg_orders'
const ITEMS = 'pg:qc_pg_items'
const EVENTS = 'pg:qc_pg_events'
const MISSING = 'pg:qc_pg_missing'

function callbackQuery(client: pg.Pool | pg.PoolClient, text: string, values: unknown[]): Promise<pg.QueryResult> {
  return new Promise((resolve, reject) => {
    client.query(text, values, (err: Error | null, res: pg.QueryResult) => (err ? reject(err) : resolve(res)))
  })
}

function connectCallback(pool: pg.Pool): Promise<[pg.PoolClient, () => void]> {
  return new Promise((resolve, reject) => {
    pool.connect((err, client, release) => (err || !client ? reject(err) : resolve([client, release])))
  })
}

/**
 * One request's work: a different, known amount through every API style, with random
 * delays between steps. Returns what its report must say.
 */
async function work(i: number, pool: pg.Pool, rnd: () => number): Promise<Expected> {
  const e = expected()
  const pause = () => sleep(Math.floor(rnd() * 3))

  // pool.query, promise: 1..3 times, (i % 5) + 1 users each.
  for (let k = 0; k <= i % 3; k++) {
    await pool.query('SELECT * FROM qc_pg_users WHERE id <= $1', [(i % 5) + 1])
    addExpected(e, [USERS], (i % 5) + 1, 0)
  }
  await pause()

  // pool.query, callback: a user's orders, joined with the user.
  const user = (i % 50) + 1
  await callbackQuery(pool, 'SELECT o.* FROM qc_pg_orders o JOIN qc_pg_users u ON u.id = o.user_id WHERE u.id = $1', [user])
  addExpected(e, [ORDERS, USERS], ordersOf(user), 0)
  await pause()

  // pool.connect with a callback, then a callback query on the checked-out client.
  {
    const [client, release] = await connectCallback(pool)
    try {
      await callbackQuery(client, 'SELECT id FROM qc_pg_items WHERE id <= $1', [(i % 7) + 1])
      addExpected(e, [ITEMS], (i % 7) + 1, 0)
      await pause()
    } finally {
      release()
    }
  }

  // pool.connect as a promise: a config-object write, a cursor, maybe a stream and a multi-statement.
  const client = await pool.connect()
  try {
    const writes = 1 + (i % 2)
    const values = writes === 1 ? '($1, $2)' : '($1, $2), ($1, $2)'
    await client.query({ text: `INSERT INTO qc_pg_events (ctx, kind) VALUES ${values}`, values: [i, 'w'] })
    addExpected(e, [EVENTS], 0, writes)

    const cursorRows = (i % 11) + 1
    const cursor = client.query(new Cursor('SELECT * FROM qc_pg_items WHERE id <= $1', [cursorRows]))
    let got = 0
    for (;;) {
      const batch = await cursor.read(4)
      got += batch.length
      if (batch.length === 0) break
      await pause()
    }
    await cursor.close()
    expect(got).toBe(cursorRows)
    addExpected(e, [ITEMS], cursorRows, 0)

    if (i % 3 === 0) {
      const streamRows = (i % 13) + 1
      const stream = client.query(new QueryStream('SELECT id FROM qc_pg_items WHERE id <= $1', [streamRows], { batchSize: 5 }))
      let n = 0
      for await (const _row of stream) n++
      expect(n).toBe(streamRows)
      addExpected(e, [ITEMS], streamRows, 0)
    }
    if (i % 7 === 0) {
      await client.query(`SELECT * FROM qc_pg_users WHERE id <= 2; DELETE FROM qc_pg_events WHERE ctx = ${i} AND kind = 'w'`)
      addExpected(e, [USERS], 2, 0)
      addExpected(e, [EVENTS], 0, writes)
    }
  } finally {
    client.release()
  }
  await pause()

  // Every fifth request hits an error, counted once and rethrown unchanged.
  if (i % 5 === 0) {
    const error = await pool.query('SELECT * FROM qc_pg_missing').then(
      () => undefined,
      (err: unknown) => err,
    )
    expect(error).toBeInstanceOf(pg.DatabaseError)
    addExpected(e, [MISSING], 0, 0, 1)
  }
  return e
}

async function runAll(pool: pg.Pool, seed: number): Promise<{ reports: CostReport[]; expectations: Expected[] }> {
  const expectations: Expected[] = new Array(CONTEXTS)
  const runs = Array.from({ length: CONTEXTS }, (_, i) =>
    measureCost(
      async () => {
        await sleep(i % 4)
        expectations[i] = await work(i, pool, random(seed + i))
      },
      { name: `ctx-${i}` },
    ).then(({ report }) => report),
  )
  return { reports: await Promise.all(runs), expectations }
}

describe.skipIf(url === undefined)('@querycost/pg: exact attribution under concurrency', () => {
  let pool: pg.Pool

  beforeAll(async () => {
    await seedPg(url as string)
    pool = instrument(new pg.Pool({ connectionString: url, max: 2 }))
  })
  afterAll(async () => {
    setCallbackBinding(true)
    await pool?.end()
  })

  it(`${CONTEXTS} concurrent contexts over a pool of 2: every report exact, no lost context`, async () => {
    resetLostContext()
    const { reports, expectations } = await runAll(pool, 1)
    for (let i = 0; i < CONTEXTS; i++) {
      expect({ i, ...exactFigures(reports[i] as CostReport) }).toEqual({ i, ...expectations[i] })
    }
    expect(lostContextStats().total.count).toBe(0)
    const all = reports.reduce((n, r) => n + r.total.count, 0)
    expect(all).toBe(expectations.reduce((n, e) => n + e.count, 0))
  })

  it('the same test fails when callback rebinding is switched off', async () => {
    resetLostContext()
    setCallbackBinding(false)
    try {
      const { reports, expectations } = await runAll(pool, 2)
      const wrong = reports.filter((r, i) => !isDeepStrictEqual(exactFigures(r), expectations[i])).length
      // Without rebinding, callbacks run in whichever request released the connection.
      expect(wrong).toBeGreaterThan(CONTEXTS / 10)
    } finally {
      setCallbackBinding(true)
    }
  })
})
