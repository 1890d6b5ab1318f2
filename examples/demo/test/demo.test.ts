import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
// @ts-expect-error: the demo is plain JavaScript
import { renderDemo } from '../src/print.js'
// @ts-expect-error: the demo is plain JavaScript
import { runDemo } from '../src/run-demo.js'

// The demo's numbers follow from its seed (200 users, 50 products, 2,000 orders) and its
// fixed traffic; every figure it prints is checked here, exactly. Durations are not.

// biome-ignore lint/suspicious/noExplicitAny: the demo's result is untyped JavaScript
type Any = any
let outDir: string
let demo: Any

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'querycost-demo-'))
  demo = await runDemo({ outDir, optional: false })
})
afterAll(async () => {
  await rm(outDir, { recursive: true, force: true })
})

const reportsOf = (name: string) => demo.reports.filter((report: Any) => report.name === name)
const pick = ({ requests, queries, rows, items, affected, errors }: Any) => ({ requests, queries, rows, items, affected, errors })

describe('the demo', () => {
  it('names every report by its route pattern and adds them up per route', () => {
    expect(demo.systems).toEqual([{ name: 'pg', status: 'embedded PGlite' }])
    expect(demo.summary.totals).toEqual({ requests: 71, queries: 330, rows: 21_255, affected: 10, errors: 0, systems: ['pg'], lost: 0 })
    const routes = Object.fromEntries(demo.summary.routes.map((route: Any) => [route.route, pick(route)]))
    expect(routes).toEqual({
      'GET /api/orders/recent': { requests: 10, queries: 210, rows: 400, items: 200, affected: 0, errors: 0 },
      'GET /api/dashboard': { requests: 5, queries: 45, rows: 805, items: 775, affected: 0, errors: 0 },
      'GET /api/users/:id': { requests: 40, queries: 40, rows: 40, items: 40, affected: 0, errors: 0 },
      'POST /api/orders': { requests: 5, queries: 25, rows: 10, items: 5, affected: 10, errors: 0 },
      'GET /api/orders/count': { requests: 10, queries: 10, rows: 20_000, items: 10, affected: 0, errors: 0 },
      'GET /api/reports/price-histogram': { requests: 1, queries: 0, rows: 0, items: 10, affected: 0, errors: 0 },
    })
  })

  it('adds them up per table, a join counting in both its tables', () => {
    const tables = Object.fromEntries(
      demo.summary.tables.map(({ table, queries, rows, affected, operations, routes }: Any) => [
        table,
        { queries, rows, affected, operations, routes },
      ]),
    )
    expect(tables).toEqual({
      'pg:products': {
        queries: 240,
        rows: 480,
        affected: 5,
        operations: { SELECT: 235, UPDATE: 5 },
        routes: ['GET /api/dashboard', 'GET /api/orders/recent', 'POST /api/orders'],
      },
      'pg:users': {
        queries: 55,
        rows: 245,
        affected: 0,
        operations: { SELECT: 55 },
        routes: ['GET /api/dashboard', 'GET /api/orders/recent', 'GET /api/users/:id'],
      },
      'pg:orders': {
        queries: 35,
        rows: 20_730,
        affected: 5,
        operations: { SELECT: 30, INSERT: 5 },
        routes: ['GET /api/dashboard', 'GET /api/orders/count', 'GET /api/orders/recent', 'POST /api/orders'],
      },
      'pg:(none)': { queries: 10, rows: 0, affected: 0, operations: { BEGIN: 5, COMMIT: 5 }, routes: ['POST /api/orders'] },
    })
  })

  it('shows the N+1 loop: 1 + 20 queries per request, the per-item statement listed in repeated', () => {
    const reports = reportsOf('GET /api/orders/recent')
    expect(reports).toHaveLength(10)
    for (const report of reports) {
      expect(report.total).toMatchObject({ count: 21, rows: 40 })
      expect(report.tables['pg:products']).toMatchObject({ count: 20, rows: 20 })
      expect(report.tables['pg:orders']).toMatchObject({ count: 1, rows: 20 })
      expect(report.tables['pg:users']).toMatchObject({ count: 1, rows: 20 })
      expect(report.repeated).toEqual([
        {
          system: 'pg',
          fingerprint: 'select id, name, price_cents from products where id = ?',
          tables: ['products'],
          count: 20,
          durationMs: expect.any(Number),
        },
      ])
    }
    expect(demo.summary.offenders.repeated).toEqual([
      {
        route: 'GET /api/orders/recent',
        fingerprint: 'select id, name, price_cents from products where id = ?',
        tables: ['products'],
        perRequest: 20,
        requests: 10,
      },
    ])
  })

  it('shows the route that reads 2,000 rows to return a count', () => {
    for (const report of reportsOf('GET /api/orders/count')) {
      expect(report.total).toMatchObject({ count: 1, rows: 2000 })
      expect(Object.keys(report.tables)).toEqual(['pg:orders'])
    }
    expect(demo.summary.offenders.rowsRead[0]).toEqual({
      route: 'GET /api/orders/count',
      rowsPerRequest: 2000,
      itemsPerRequest: 1,
      ratio: 2000,
    })
  })

  it('shows the route that breaks its limits, and only that one', () => {
    const expected = [
      { limit: 'maxCount', value: 9, threshold: 5 },
      { limit: 'maxRows', value: 161, threshold: 100 },
      { limit: 'maxRows', value: 105, threshold: 50, table: 'pg:orders' },
    ]
    const dashboard = reportsOf('GET /api/dashboard')
    expect(dashboard).toHaveLength(5)
    for (const report of dashboard) expect(report.violations).toEqual(expected)
    expect(demo.reports.filter((report: Any) => report.violations.length > 0)).toHaveLength(5)
    expect(demo.violations).toHaveLength(15)
    expect(demo.summary.offenders.breaches).toEqual([
      { route: 'GET /api/dashboard', violations: expected.map((v) => ({ ...v, requests: 5 })) },
    ])
  })

  it('counts the write transaction: BEGIN, SELECT, INSERT … RETURNING, UPDATE, COMMIT', () => {
    for (const report of reportsOf('POST /api/orders')) {
      expect(report.total).toMatchObject({ count: 5, rows: 2, affected: 2 })
      expect(report.tables['pg:orders'].operations).toEqual({
        INSERT: { count: 1, durationMs: expect.any(Number), rows: 1, affected: 1, errors: 0 },
      })
    }
  })

  it('names the route that blocked the event loop', () => {
    const [report] = reportsOf('GET /api/reports/price-histogram')
    // The longest stretch of any request, by far: the others only await the database.
    const others = demo.reports.filter((r: Any) => r !== report).map((r: Any) => r.longestSyncMs)
    expect(report.longestSyncMs).toBeGreaterThan(Math.max(...others))
    expect(report.syncMs).toBeGreaterThanOrEqual(report.longestSyncMs)
    expect(demo.summary.offenders.blocking).toMatchObject({
      route: 'GET /api/reports/price-histogram',
      longestSyncMs: report.longestSyncMs,
    })
    expect(renderDemo(demo).join('\n')).toMatch(/event loop {5}GET \/api\/reports\/price-histogram: held the loop [\d,]+ ms in one stretch/)
  })

  it('writes the same reports to the JSON-lines file', async () => {
    const lines = (await readFile(demo.outFile, 'utf8')).trim().split('\n')
    expect(lines.map((line) => JSON.parse(line))).toEqual(demo.reports)
  })

  it('prints the offenders', () => {
    const text = renderDemo(demo).join('\n')
    expect(text).toContain('GET /api/orders/recent: one request ran the same statement 20 times (10 of its requests did)')
    expect(text).toContain('GET /api/orders/count: read 2,000 rows per request to return 1 (2,000:1)')
    expect(text).toContain('GET /api/dashboard: maxCount 9 > 5; maxRows 161 > 100; pg:orders maxRows 105 > 50 (5 requests)')
  })
})

describe('npm run demo', () => {
  it('prints the tables and exits 0 on its own, everything closed', async () => {
    const main = fileURLToPath(new URL('../src/main.js', import.meta.url))
    const env = { ...process.env, QUERYCOST_MYSQL_URL: '', QUERYCOST_REDIS_URL: '', QUERYCOST_MONGODB_URL: '' }
    const { stdout } = await promisify(execFile)(process.execPath, [main], { env, timeout: 110_000 })
    expect(stdout).toContain('systems: pg (embedded PGlite)')
    // MongoDB joins through the in-process test server: 10 requests of a find, two getMores and an insert.
    expect(stdout).toContain('mongodb (in-process MongoDB test server)')
    expect(stdout).toContain('traffic: 81 requests, 370 queries, 21,375 rows read, 20 rows written, 0 outside any request')
    expect(stdout).toMatch(/GET \/api\/users\/:id\/reviews +10 +40 +4\.0 +120 +120 +10 /)
    expect(stdout).toMatch(/GET \/api\/orders\/recent +10 +210 +21\.0 +400 +200 +0 /)
    // The last step: the querycost command over the demo's own file, and the page.
    expect(stdout).toMatch(
      /\$ npx querycost report \S*cost-reports\.jsonl --html \S*cost-report\.html\nwrote \S*cost-report\.html: 81 requests, 7 routes/,
    )
  })
})
