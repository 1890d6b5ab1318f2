import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { measureCost } from '@querycost/core'
import { instrument } from '@querycost/pg'
import pg from 'pg'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { exactFigures } from '../../src/expect-report.js'
import { seedPg } from './fixtures.js'

const url = inject('pgUrl')
const run = promisify(execFile)
const CHILD = new URL('./unhandled-child.mjs', import.meta.url).pathname

const t = (count: number, rows: number, errors: number) => ({ count, rows, affected: 0, errors })

/**
 * A Client whose pg `query` records what it returned, then instrumented: the promise the
 * caller gets can be compared with pg's own.
 */
function recorded(config: pg.ClientConfig): { client: pg.Client; returned: unknown[] } {
  const client = new pg.Client({ connectionString: url, ...config })
  const returned: unknown[] = []
  const query = client.query
  client.query = function (this: pg.Client) {
    const result = (query as (...a: unknown[]) => unknown).apply(this, arguments as unknown as unknown[])
    returned.push(result)
    return result
  } as never
  return { client: instrument(client), returned }
}

/** For each call, whether the caller got pg's own promise. */
function ownPromises(got: unknown[], returned: unknown[]): boolean[] {
  return got.map((promise, i) => promise === returned[i])
}

// Issues 22/30: with no callback given, querycost finds the Query pg just made (from the
// client's queues before and after the call) and settles its operations in that Query's
// callback, so the caller gets pg's own promise. Where the Query cannot be told for certain,
// the promise is followed instead; either way the figures are exact.
describe.skipIf(url === undefined)('@querycost/pg: the promise form', () => {
  beforeAll(async () => seedPg(url as string))

  it("gives pg's own promise queued before connect, on an idle client and queued behind another", async () => {
    const { client, returned } = recorded({})
    try {
      const got: unknown[] = []
      const { report } = await measureCost(async () => {
        got.push(client.query('SELECT id FROM qc_pg_users WHERE id <= 2')) // queued: not connected yet
        await client.connect()
        await got[0]
        got.push(client.query('SELECT id FROM qc_pg_users WHERE id <= 3')) // idle: the active one
        await got[1]
        got.push(client.query('SELECT id FROM qc_pg_items WHERE id <= 4')) // the active one
        got.push(client.query('SELECT id FROM qc_pg_items WHERE id <= $1', [5])) // queued behind it
        got.push(client.query('SELECT * FROM qc_pg_missing_promise')) // queued, fails
        const settled = await Promise.allSettled(got)
        expect(settled.map((s) => (s.status === 'fulfilled' ? (s.value as pg.QueryResult).rows.length : s.reason.code))).toEqual([
          2,
          3,
          4,
          5,
          '42P01',
        ])
        expect((settled[4] as PromiseRejectedResult).reason).toBeInstanceOf(pg.DatabaseError)
      })
      expect(exactFigures(report)).toEqual({
        ...t(5, 14, 1),
        tables: { 'pg:qc_pg_users': t(2, 5, 0), 'pg:qc_pg_items': t(2, 9, 0), 'pg:qc_pg_missing_promise': t(1, 0, 1) },
      })
      expect(ownPromises(got, returned)).toEqual([true, true, true, true, true])
    } finally {
      await client.end()
    }
  })

  it("gives pg's own promise on a pipelined client, idle or with queries written; follows an idle one's with a 'drain' listener", async () => {
    const { client, returned } = recorded({ pipeline: true } as pg.ClientConfig)
    await client.connect()
    try {
      const got: unknown[] = []
      const { report } = await measureCost(async () => {
        got.push(client.query('SELECT id FROM qc_pg_users WHERE id <= 1')) // idle: the active one
        got.push(client.query('SELECT id FROM qc_pg_users WHERE id <= 2')) // written behind it
        got.push(client.query('SELECT * FROM qc_pg_missing_promise')) // written, fails
        got.push(client.query('SELECT id FROM qc_pg_items WHERE id <= $1', [3]))
        await Promise.allSettled(got)
        // Idle again, with a 'drain' listener: a query pg cannot write (values not an array)
        // empties the pipeline inside query(), pg emits 'drain' there, and the listener's
        // query is the last one written. Told apart, each statement counts as itself: the
        // failed one as an error, the listener's with its rows.
        let listeners: Promise<unknown> | undefined
        client.once('drain', () => {
          listeners = client.query('SELECT id FROM qc_pg_items WHERE id <= 6')
        })
        got.push(client.query('SELECT $1::int AS n', 'not an array' as never))
        const settled = await Promise.allSettled([...got, listeners])
        expect(settled.map((s) => (s.status === 'fulfilled' ? (s.value as pg.QueryResult).rows.length : s.reason.message))).toEqual([
          1,
          2,
          'relation "qc_pg_missing_promise" does not exist',
          3,
          'Query values must be an array',
          6,
        ])
      })
      expect(exactFigures(report)).toEqual({
        ...t(6, 12, 2),
        tables: {
          'pg:qc_pg_users': t(2, 3, 0),
          'pg:qc_pg_items': t(2, 9, 0),
          'pg:qc_pg_missing_promise': t(1, 0, 1),
          'pg:(none)': t(1, 0, 1),
        },
      })
      expect(ownPromises(got, returned)).toEqual([true, true, true, true, false])
    } finally {
      await client.end()
    }
  })

  it('follows the promise under a read timeout (pg calls the callback it captured): a timed-out query counts one error', async () => {
    const { client, returned } = recorded({ query_timeout: 5_000 })
    await client.connect()
    try {
      const got: unknown[] = []
      const { report } = await measureCost(async () => {
        got.push(client.query('SELECT id FROM qc_pg_users WHERE id <= 2'))
        got.push(client.query({ text: 'SELECT pg_sleep(2)', query_timeout: 100 } as never))
        const settled = await Promise.allSettled(got)
        expect(settled.map((s) => (s.status === 'fulfilled' ? (s.value as pg.QueryResult).rows.length : s.reason.message))).toEqual([
          2,
          'Query read timeout',
        ])
      })
      expect(exactFigures(report)).toEqual({ ...t(2, 2, 1), tables: { 'pg:qc_pg_users': t(1, 2, 0), 'pg:(none)': t(1, 0, 1) } })
      expect(ownPromises(got, returned)).toEqual([false, false])
    } finally {
      await client.end()
    }
  })

  it("follows the promise of a client that is no longer queryable: pg's own error, counted once", async () => {
    const { client, returned } = recorded({})
    await client.connect()
    await client.end()
    let caught: unknown
    const got: unknown[] = []
    const { report } = await measureCost(async () => {
      got.push(client.query('SELECT id FROM qc_pg_users'))
      await (got[0] as Promise<unknown>).catch((error: unknown) => {
        caught = error
      })
    })
    expect((caught as Error).message).toBe('Client was closed and is not queryable')
    expect(exactFigures(report)).toEqual({ ...t(1, 0, 1), tables: { 'pg:qc_pg_users': t(1, 0, 1) } })
    expect(ownPromises(got, returned)).toEqual([false])
  })

  it("lets a rejection nobody handles reach 'unhandledRejection' with pg's error, raw and through querycost alike", async () => {
    const env = { ...process.env, QUERYCOST_PG_URL: url }
    const seen = async (mode: string) => {
      const { stdout } = await run(process.execPath, [CHILD, mode], { env })
      return JSON.parse(stdout.trim().split('\n').pop() as string)
    }
    const raw = await seen('raw')
    const querycost = await seen('querycost')
    const expected = [
      // A query the server fails: pg's own promise, then (querycost) told apart in the queue.
      { promise: 'the caller’s', error: 'DatabaseError', code: '42P01', frames: [] },
      // A query on a closed client, which pg errs on a later tick: (querycost) followed.
      { promise: 'the caller’s', error: 'Error', message: 'Client was closed and is not queryable', frames: [] },
    ]
    expect(raw).toEqual({ unhandled: expected })
    expect(querycost).toEqual({ unhandled: expected, count: 3, errors: 2 })
  })
})
