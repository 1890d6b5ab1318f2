import { mkdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { configure, jsonLinesSink, lostContextStats, resetConfig } from '@querycost/core'
import { instrument } from '@querycost/pg'
import pg from 'pg'
import { startApp } from './app.js'
import { blockingRoutes, blockingTraffic, worstBlocking } from './blocking-route.js'
import { startEmbeddedPostgres } from './embedded-postgres.js'
import { REPEAT_THRESHOLD, ROUTE_LIMITS } from './limits.js'
import { offenders } from './offenders.js'
import { mongodbSystem } from './optional/mongodb.js'
import { mysqlSystem } from './optional/mysql.js'
import { redisSystem } from './optional/redis.js'
import { pgRoutes } from './pg-routes.js'
import { seed } from './seed.js'
import { perRoute, perTable, totals } from './summary.js'
import { pgTraffic, sendAll } from './traffic.js'
import { waitFor } from './wait-for.js'

const DEFAULT_OUT_DIR = fileURLToPath(new URL('../out/', import.meta.url))

/**
 * Runs the whole demo: an embedded PostgreSQL, seeded; an Express app whose routes
 * use an instrumented pool; a fixed burst of traffic. Resolves with every report,
 * the summary the demo prints, and where the JSON-lines copy went. Closes all it opened.
 *
 * @param {{ outDir?: string, optional?: boolean }} [options] `optional: false` leaves MySQL, Redis and MongoDB out
 */
export async function runDemo({ outDir = DEFAULT_OUT_DIR, optional = true } = {}) {
  const started = performance.now()
  await mkdir(outDir, { recursive: true })
  const outFile = join(outDir, 'cost-reports.jsonl')
  await rm(outFile, { force: true })
  const sink = jsonLinesSink(outFile)
  const violations = []
  configure({
    repeatThreshold: REPEAT_THRESHOLD,
    routeLimits: ROUTE_LIMITS,
    onReport: sink,
    eventLoop: true, // syncMs, longestSyncMs, loopDelayMs: which route blocked the loop
    // The default writes one JSON line to stderr per breach; the demo prints a summary instead.
    onViolation: (violation, report) => violations.push({ name: report.name, ...violation }),
  })

  const reports = []
  const closers = [() => sink.close(), async () => resetConfig()]
  try {
    const postgres = await startEmbeddedPostgres()
    closers.unshift(() => postgres.stop())
    await seed(postgres.db)
    // PGlite runs one statement at a time: one connection is all it can use.
    const pool = instrument(new pg.Pool({ ...postgres.connection, max: 1 }))
    closers.unshift(() => pool.end())

    const extras = optional ? [await mysqlSystem(), await redisSystem(pool), await mongodbSystem()] : []
    for (const extra of extras) if (extra.close) closers.unshift(extra.close)
    const systems = [{ name: 'pg', status: 'embedded PGlite' }, ...extras.map(({ name, status }) => ({ name, status }))]

    const app = await startApp({
      routers: [pgRoutes(pool), blockingRoutes(), ...extras.flatMap((extra) => (extra.router ? [extra.router] : []))],
      onReport: (report) => reports.push(report),
    })
    closers.unshift(() => app.close())
    const setupMs = performance.now() - started

    const traffic = pgTraffic()
    const writes = [...traffic.writes, ...extras.flatMap((extra) => extra.requests ?? [])]
    const responses = [...(await sendAll(app.url, [...traffic.reads, ...blockingTraffic], 4)), ...(await sendAll(app.url, writes, 1))]
    // A report is handed over when its response has finished, which may be just after the client has read it.
    await waitFor(() => reports.length >= responses.length, 'a cost report for every request')
    const trafficMs = performance.now() - started - setupMs

    const routes = perRoute(reports, responses)
    // configure() starts the lost-context figures afresh: anything here ran outside a request.
    const lost = lostContextStats().total.count
    const summary = {
      totals: { ...totals(reports), lost },
      routes,
      tables: perTable(reports),
      offenders: { ...offenders(reports, routes), blocking: worstBlocking(reports) },
    }
    return { reports, responses, violations, summary, systems, outFile, timings: { setupMs, trafficMs } }
  } finally {
    await closeAll(closers)
  }
}

/** Runs every closer, even after one fails; rethrows the first failure. */
async function closeAll(closers) {
  const failures = []
  for (const close of closers) await close().catch((error) => failures.push(error))
  if (failures.length > 0) throw failures[0]
}
