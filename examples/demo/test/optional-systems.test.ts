import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
// @ts-expect-error: the demo is plain JavaScript
import { runDemo } from '../src/run-demo.js'

// With QUERYCOST_MYSQL_URL / QUERYCOST_REDIS_URL set (as .ci/run sets them), the MySQL
// and Redis routes join the demo; their numbers are exact too. MongoDB joins every run
// (QUERYCOST_MONGODB_URL, else the in-process test server).

const mysqlUrl = process.env.QUERYCOST_MYSQL_URL
const redisUrl = process.env.QUERYCOST_REDIS_URL
// biome-ignore lint/suspicious/noExplicitAny: the demo's result is untyped JavaScript
type Any = any
let outDir: string
let demo: Any

describe.runIf(mysqlUrl || redisUrl)('the demo with MySQL and Redis', () => {
  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'querycost-demo-'))
    demo = await runDemo({ outDir })
  })
  afterAll(async () => {
    await rm(outDir, { recursive: true, force: true })
  })

  const route = (name: string) => demo.summary.routes.find((r: Any) => r.route === name)
  const table = (key: string) => demo.summary.tables.find((t: Any) => t.table === key)

  it.runIf(redisUrl)('caches users in Redis: 10 misses (GET, SELECT, SET), then 10 hits (GET)', () => {
    expect(demo.systems.find((s: Any) => s.name === 'redis').status).not.toMatch(/^skipped/)
    expect(route('GET /api/users/:id/cached')).toMatchObject({ requests: 20, queries: 40, rows: 20, affected: 10, items: 20 })
    expect(table('redis:demo-user')).toMatchObject({ queries: 30, rows: 10, affected: 10, operations: { GET: 20, SET: 10 } })
    const cached = demo.reports.filter((r: Any) => r.name === 'GET /api/users/:id/cached')
    expect(cached.map((r: Any) => r.total.count)).toEqual([...Array(10).fill(3), ...Array(10).fill(1)])
  })

  it.runIf(mysqlUrl)('lists the latest events from MySQL: one query, ten rows', () => {
    expect(demo.systems.find((s: Any) => s.name === 'mysql').status).not.toMatch(/^skipped/)
    expect(route('GET /api/events/recent')).toMatchObject({ requests: 10, queries: 10, rows: 100, affected: 0, items: 100 })
    expect(table('mysql:querycost_demo_events')).toMatchObject({ queries: 10, rows: 100, operations: { SELECT: 10 } })
  })

  it('reads reviews from MongoDB in batches of 5 (find, 2 getMores) and records each visit (insert)', () => {
    expect(demo.systems.find((s: Any) => s.name === 'mongodb').status).not.toMatch(/^skipped/)
    expect(route('GET /api/users/:id/reviews')).toMatchObject({ requests: 10, queries: 40, rows: 120, affected: 10, items: 120 })
    expect(table('mongodb:demo_reviews')).toMatchObject({ queries: 30, rows: 120, operations: { find: 10, getMore: 20 } })
    expect(table('mongodb:demo_visits')).toMatchObject({ queries: 10, affected: 10, operations: { insert: 10 } })
  })

  it('leaves the PostgreSQL numbers as they are without them', () => {
    expect(route('GET /api/orders/recent')).toMatchObject({ requests: 10, queries: 210, rows: 400 })
    expect(demo.summary.totals.lost).toBe(0)
  })
})
