import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CLICKHOUSE_URL, clickhouseAvailable, clickhouseCommand } from './clickhouse-env.js'
import { writeFixture } from './fixture.js'
import { runCli, runJson } from './run-cli.js'

const dir = mkdtempSync(join(tmpdir(), 'querycost-cli-'))
const file = join(dir, 'cost.jsonl')
writeFixture(file)
const database = `querycost_test_${process.pid}`
const chAvailable = await clickhouseAvailable()

// The same commands, the same expected answers: once over the file with DuckDB, once over ClickHouse after `load`.
const engines = [
  { engine: 'duckdb', source: [file] },
  ...(chAvailable ? [{ engine: 'clickhouse', source: ['--clickhouse', `${CLICKHOUSE_URL}/${database}`] }] : []),
]

beforeAll(async () => {
  if (!chAvailable) return
  await clickhouseCommand(`DROP DATABASE IF EXISTS ${database}`)
  const { code, stdout, stderr } = await runCli(['load', file, '--clickhouse', `${CLICKHOUSE_URL}/${database}`])
  expect(stderr).toBe('')
  expect(code).toBe(0)
  expect(stdout).toBe(`loaded 100 reports (518 rows) into ClickHouse database ${database}\n`)
})

afterAll(async () => {
  if (chAvailable) await clickhouseCommand(`DROP DATABASE IF EXISTS ${database}`)
})

const zero = { count: 0, durationMs: 0, rows: 0, affected: 0, errors: 0 }

describe.each(engines)('querycost on $engine', ({ source }) => {
  it('routes: the reports own totals, costliest time first', async () => {
    const routes = await runJson<object[]>(['routes', ...source])
    expect(routes).toEqual([
      {
        name: 'job:nightly',
        requests: 2,
        count: 1000,
        durationMs: 500,
        rows: 1_000_000,
        affected: 0,
        errors: 0,
        countPerRequest: 500,
        durationMsPerRequest: 250,
        wallMsPerRequest: 252,
        poolWaitMs: 1,
      },
      {
        name: 'GET /orders',
        requests: 30,
        count: 660,
        durationMs: 255,
        rows: 5100,
        affected: 0,
        errors: 0,
        countPerRequest: 22,
        durationMsPerRequest: 8.5,
        wallMsPerRequest: 10.5,
        poolWaitMs: 15,
      },
      {
        name: 'POST /orders',
        requests: 20,
        count: 60,
        durationMs: 75,
        rows: 0,
        affected: 100,
        errors: 2,
        countPerRequest: 3,
        durationMsPerRequest: 3.75,
        wallMsPerRequest: 5.75,
        poolWaitMs: 10,
      },
      {
        name: 'GET /users/:id',
        requests: 40,
        count: 160,
        durationMs: 70,
        rows: 160,
        affected: 0,
        errors: 0,
        countPerRequest: 4,
        durationMsPerRequest: 1.75,
        wallMsPerRequest: 3.75,
        poolWaitMs: 20,
      },
      { name: 'GET /health', requests: 8, ...zero, countPerRequest: 0, durationMsPerRequest: 0, wallMsPerRequest: 2, poolWaitMs: 0 },
    ])
  })

  it('routes ordered by count, rows, affected, requests; --limit', async () => {
    const names = async (...args: string[]) => (await runJson<{ name: string }[]>(['routes', ...source, ...args])).map((r) => r.name)
    expect(await names('--by', 'count', '--limit', '3')).toEqual(['job:nightly', 'GET /orders', 'GET /users/:id'])
    expect(await names('--by', 'rows', '--limit', '2')).toEqual(['job:nightly', 'GET /orders'])
    expect(await names('--by', 'affected', '--limit', '1')).toEqual(['POST /orders'])
    expect(await names('--by', 'requests')).toEqual(['GET /users/:id', 'GET /orders', 'POST /orders', 'GET /health', 'job:nightly'])
  })

  it('routes of one system: that system’s figures in the requests that used it', async () => {
    const routes = await runJson<object[]>(['routes', ...source, '--system', 'redis'])
    expect(routes).toEqual([
      {
        name: 'POST /orders',
        requests: 20,
        count: 20,
        durationMs: 15,
        rows: 0,
        affected: 20,
        errors: 0,
        countPerRequest: 1,
        durationMsPerRequest: 0.75,
        wallMsPerRequest: 5.75,
        poolWaitMs: 10,
      },
      {
        name: 'GET /users/:id',
        requests: 40,
        count: 40,
        durationMs: 10,
        rows: 40,
        affected: 0,
        errors: 0,
        countPerRequest: 1,
        durationMsPerRequest: 0.25,
        wallMsPerRequest: 3.75,
        poolWaitMs: 20,
      },
    ])
  })

  it('--since and --until keep one day (the end exclusive); --route matches a name or a pattern', async () => {
    const day2 = await runJson<{ name: string; requests: number; count: number }[]>([
      'routes',
      ...source,
      '--since',
      '2026-11-02',
      '--by',
      'requests',
    ])
    expect(day2.map((r) => [r.name, r.requests, r.count])).toEqual([
      ['GET /users/:id', 25, 100],
      ['GET /orders', 20, 440],
      ['POST /orders', 10, 30],
      ['GET /health', 4, 0],
      ['job:nightly', 1, 500],
    ])
    const day1 = await runJson<{ requests: number }[]>(['routes', ...source, '--until', '2026-11-02', '--route', 'GET /orders'])
    expect(day1.map((r) => r.requests)).toEqual([10])
    const pattern = await runJson<{ name: string }[]>(['routes', ...source, '--route', '* /orders'])
    expect(pattern.map((r) => r.name)).toEqual(['GET /orders', 'POST /orders'])
  })

  it('tables: each table’s figures and how many routes touch it', async () => {
    expect(await runJson(['tables', ...source])).toEqual([
      {
        key: 'mysql:analytics.events',
        system: 'mysql',
        table: 'analytics.events',
        routes: 1,
        count: 1000,
        durationMs: 500,
        rows: 1_000_000,
        affected: 0,
        errors: 0,
      },
      { key: 'pg:orders', system: 'pg', table: 'orders', routes: 2, count: 380, durationMs: 220, rows: 3600, affected: 20, errors: 2 },
      {
        key: 'pg:order_items',
        system: 'pg',
        table: 'order_items',
        routes: 2,
        count: 320,
        durationMs: 95,
        rows: 1500,
        affected: 60,
        errors: 0,
      },
      { key: 'pg:users', system: 'pg', table: 'users', routes: 1, count: 120, durationMs: 60, rows: 120, affected: 0, errors: 0 },
      { key: 'redis:cart', system: 'redis', table: 'cart', routes: 1, count: 20, durationMs: 15, rows: 0, affected: 20, errors: 0 },
      { key: 'redis:session', system: 'redis', table: 'session', routes: 1, count: 40, durationMs: 10, rows: 40, affected: 0, errors: 0 },
    ])
    const pg = await runJson<{ key: string }[]>(['tables', ...source, '--system', 'pg', '--by', 'affected', '--route', 'POST /orders'])
    expect(pg.map((t) => t.key)).toEqual(['pg:order_items', 'pg:orders'])
  })

  it('table pg:orders: the routes behind it, with their operations', async () => {
    expect(await runJson(['table', 'pg:orders', ...source])).toEqual([
      { name: 'GET /orders', count: 360, durationMs: 180, rows: 3600, affected: 0, errors: 0, operations: 'SELECT 360' },
      { name: 'POST /orders', count: 20, durationMs: 40, rows: 0, affected: 20, errors: 2, operations: 'INSERT 20' },
    ])
    expect(await runJson(['table', 'mysql:analytics.events', ...source, '--until', '2026-11-02'])).toEqual([
      { name: 'job:nightly', count: 500, durationMs: 250, rows: 500_000, affected: 0, errors: 0, operations: 'SELECT 500' },
    ])
  })

  it('repeated: statements run many times in one request', async () => {
    expect(await runJson(['repeated', ...source])).toEqual([
      {
        system: 'mysql',
        fingerprint: 'select * from analytics.events where id > ? limit ?',
        tables: 'analytics.events',
        requests: 2,
        routes: 1,
        route: 'job:nightly',
        count: 1000,
        durationMs: 500,
        maxPerRequest: 500,
      },
      {
        system: 'pg',
        fingerprint: 'select * from order_items where order_id = ?',
        tables: 'order_items',
        requests: 30,
        routes: 1,
        route: 'GET /orders',
        count: 300,
        durationMs: 75,
        maxPerRequest: 10,
      },
    ])
    const byRequests = await runJson<{ system: string }[]>(['repeated', ...source, '--by', 'requests'])
    expect(byRequests.map((r) => r.system)).toEqual(['pg', 'mysql'])
  })

  it('compare: both windows per route and table, the change and its ratio', async () => {
    const result = await runJson<{ routes: { key: string }[]; tables: object[] }>([
      'compare',
      ...source,
      '--before',
      '2026-11-01..2026-11-02',
      '--after',
      '2026-11-02..2026-11-03',
      '--by',
      'count',
    ])
    expect(result.routes.map((r) => r.key)).toEqual(['GET /orders', 'GET /users/:id', 'GET /health', 'POST /orders', 'job:nightly'])
    expect(result.routes[0]).toEqual({
      key: 'GET /orders',
      requests: { before: 10, after: 20, change: 10, ratio: 2 },
      count: { before: 220, after: 440, change: 220, ratio: 2 },
      durationMs: { before: 85, after: 170, change: 85, ratio: 2 },
      rows: { before: 1700, after: 3400, change: 1700, ratio: 2 },
      affected: { before: 0, after: 0, change: 0, ratio: null },
      errors: { before: 0, after: 0, change: 0, ratio: null },
    })
    expect(result.tables[0]).toEqual({
      key: 'pg:orders',
      count: { before: 130, after: 250, change: 120, ratio: 1.923 },
      durationMs: { before: 80, after: 140, change: 60, ratio: 1.75 },
      rows: { before: 1200, after: 2400, change: 1200, ratio: 2 },
      affected: { before: 10, after: 10, change: 0, ratio: 1 },
      errors: { before: 1, after: 1, change: 0, ratio: 1 },
    })
  })

  it('sql: the user’s own query over the documented tables', async () => {
    const rows = await runJson([
      'sql',
      'SELECT "system", sum("count") AS ops FROM cost_rows GROUP BY "system" ORDER BY ops DESC',
      ...source,
    ])
    expect(rows).toEqual([
      { system: 'mysql', ops: 1000 },
      { system: 'pg', ops: 820 },
      { system: 'redis', ops: 60 },
    ])
    const counts = await runJson([
      'sql',
      'SELECT (SELECT count(*) FROM requests) AS requests, (SELECT count(*) FROM violations) AS violations, (SELECT count(*) FROM request_systems) AS systems',
      ...source,
    ])
    expect(counts).toEqual([{ requests: 100, violations: 32, systems: 152 }])
  })
})

describe.runIf(chAvailable)('the page from either engine', () => {
  it('report --html writes the same page from DuckDB and from ClickHouse', async () => {
    const page = async (name: string, source: string[]) => {
      const out = join(dir, name)
      const run = await runCli(['report', ...source, '--html', out, '--before', '2026-11-01..2026-11-02', '--after', '2026-11-02..'])
      expect(run.code, run.stderr).toBe(0)
      // The header names the source (a file, or the server): the rest must match.
      return readFileSync(out, 'utf8').replace(/<p class="sub">[^·]*·/, '<p class="sub">·')
    }
    const duck = await page('duck.html', [file])
    const house = await page('house.html', ['--clickhouse', `${CLICKHOUSE_URL}/${database}`])
    expect(duck).toContain('1,005,260')
    expect(house).toBe(duck)
  })
})
