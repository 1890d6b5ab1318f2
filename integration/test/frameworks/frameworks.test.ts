import { configure, resetConfig } from '@querycost/core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { exactFigures, random, sleep } from '../../src/expect-report.js'
import { type App, FRAMEWORKS, type Received, startApp } from './apps.js'
import { connect, type Db, seed } from './db.js'
import { work } from './work.js'

const urls = { pg: inject('pgUrl'), mysql: inject('mysqlUrl'), redis: inject('redisUrl') }
const ready = urls.pg !== undefined && urls.mysql !== undefined && urls.redis !== undefined
const LOOP = 'select name from qc_fw_users where id = ?'

/** Waits until `app` has received the reports of `tags` (reports arrive after the responses). */
async function reportsOf(app: App, tags: string[]): Promise<Received[]> {
  for (let i = 0; i < 200 && !tags.every((t) => app.received.some((r) => r.tag === t)); i++) await sleep(10)
  return tags.map((t) => {
    const found = app.received.filter((r) => r.tag === t)
    expect(found, `reports of request ${t}`).toHaveLength(1)
    return found[0] as Received
  })
}

const get = (app: App, path: string, tag: string, init: RequestInit = {}): Promise<Response> =>
  fetch(`${app.url}${path}`, { ...init, headers: { 'x-tag': tag, ...(init.headers ?? {}) } })

describe.skipIf(!ready).each(FRAMEWORKS)('%s with real PostgreSQL, MariaDB and Redis', (framework) => {
  let db: Db
  let app: App
  const started = new Map<string, () => void>()
  beforeAll(async () => {
    const u = urls as { pg: string; mysql: string; redis: string }
    await seed(u)
    db = connect(u)
    configure({ routeLimits: { 'GET /loop': { maxRepeated: 10 }, 'GET /loop/allowed': { maxRepeated: 10 } }, onViolation: () => {} })
    app = await startApp(framework, work(db), (tag) => started.get(tag ?? '')?.())
  })
  afterAll(async () => {
    resetConfig()
    await app?.close()
    await db?.close()
  })

  it('names each report by route pattern (mounted routers and error handlers included), exact per table, after the response', async () => {
    const statuses = [
      (await get(app, '/users/7', 'a')).status,
      (await get(app, '/users/7/fail', 'b')).status,
      (await get(app, '/events', 'c', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"n":3}' })).status,
      (await get(app, '/nowhere/123', 'd')).status,
      (await get(app, '/users/7/nothing', 'e')).status,
    ]
    expect(statuses).toEqual([200, 500, 200, 404, 404])
    const reports = await reportsOf(app, ['a', 'b', 'c', 'd', 'e'])
    expect(reports.map((r) => r.report.name)).toEqual([
      'GET /users/:id',
      'GET /users/:id/fail',
      'POST /events',
      'GET (unmatched)',
      'GET (unmatched)',
    ])
    expect(reports.map((r) => exactFigures(r.report))).toEqual([
      {
        count: 2,
        rows: 2,
        affected: 0,
        errors: 0,
        tables: {
          'pg:qc_fw_users': { count: 1, rows: 1, affected: 0, errors: 0 },
          'redis:qcfwsession': { count: 1, rows: 1, affected: 0, errors: 0 },
        },
      },
      { count: 1, rows: 1, affected: 0, errors: 0, tables: { 'pg:qc_fw_users': { count: 1, rows: 1, affected: 0, errors: 0 } } },
      { count: 1, rows: 0, affected: 3, errors: 0, tables: { 'pg:qc_fw_events': { count: 1, rows: 0, affected: 3, errors: 0 } } },
      { count: 0, rows: 0, affected: 0, errors: 0, tables: {} },
      { count: 0, rows: 0, affected: 0, errors: 0, tables: {} },
    ])
    expect(reports.map((r) => [r.sent, r.current])).toEqual(Array(5).fill([true, true]))
  })

  it('keeps 24 concurrent requests apart: each report exact, in its own request context', async () => {
    const rnd = random(framework.length * 7919)
    const ns = Array.from({ length: 24 }, () => 1 + Math.floor(rnd() * 8))
    const bodies = await Promise.all(ns.map((n, i) => get(app, `/work/${n}`, `w${i}`).then((r) => r.json())))
    expect(bodies).toEqual(ns.map((n) => ({ n, orders: n })))
    const reports = await reportsOf(
      app,
      ns.map((_, i) => `w${i}`),
    )
    expect(reports.map((r) => [r.report.name, exactFigures(r.report), r.sent, r.current])).toEqual(
      ns.map((n) => [
        'GET /work/:n',
        {
          count: n + 1,
          rows: 2 * n,
          affected: 0,
          errors: 0,
          tables: {
            'pg:qc_fw_users': { count: n, rows: n, affected: 0, errors: 0 },
            'mysql:qc_fw_orders': { count: 1, rows: n, affected: 0, errors: 0 },
          },
        },
        true,
        true,
      ]),
    )
  })

  it('reports the 30-query loop in repeated and as a maxRepeated breach; none once the loop is allowed', async () => {
    await get(app, '/loop', 'l1').then((r) => r.json())
    await get(app, '/loop/allowed', 'l2').then((r) => r.json())
    const [loop, allowed] = await reportsOf(app, ['l1', 'l2'])
    expect(loop?.report.name).toBe('GET /loop')
    expect(loop?.report.repeated).toEqual([
      { system: 'pg', fingerprint: LOOP, tables: ['qc_fw_users'], count: 30, durationMs: expect.any(Number) },
    ])
    expect(loop?.report.violations).toEqual([{ limit: 'maxRepeated', value: 30, threshold: 10, fingerprint: LOOP }])
    expect(allowed?.report.name).toBe('GET /loop/allowed')
    expect(allowed?.report.repeated.map((r) => [r.fingerprint, r.count, r.allowed])).toEqual([[LOOP, 30, true]])
    expect(allowed?.report.violations).toEqual([])
  })

  it('ends the context of a request whose client went away exactly once, with the work done before', async () => {
    const inHandler = new Promise<void>((resolve) => started.set('s1', resolve))
    const controller = new AbortController()
    const request = get(app, '/slow', 's1', { signal: controller.signal }).catch((error: Error) => error.name)
    await inHandler
    controller.abort()
    expect(await request).toBe('AbortError')
    const [slow] = await reportsOf(app, ['s1'])
    await sleep(100)
    expect(app.received.filter((r) => r.tag === 's1')).toHaveLength(1)
    expect([slow?.report.name, slow?.report.total.count, slow?.sent, slow?.current]).toEqual(['GET /slow', 1, false, true])
  })
})
