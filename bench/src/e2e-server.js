// One e2e server process: `node e2e-server.js none|als|querycost|querycost-loop|otel`
// (querycost-loop: querycost with configure({ eventLoop: true }), for eventloop.js). Started by e2e.js
// (one child per variant, so no instrumentation leaks between them); the parent
// drives it over IPC: `start` snapshots CPU, `stop` answers CPU and request counts.
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const variant = process.argv[2]
const pgUrl = process.env.QUERYCOST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const redisUrl = process.env.QUERYCOST_REDIS_URL ?? 'redis://127.0.0.1:6379/5'

let spans = 0
let processor
if (variant === 'otel') {
  // Before express, pg and ioredis are required: the instrumentations hook require.
  const { NodeTracerProvider, BatchSpanProcessor } = require('@opentelemetry/sdk-trace-node')
  const { registerInstrumentations } = require('@opentelemetry/instrumentation')
  const exporter = {
    export(batch, done) {
      spans += batch.length
      done({ code: 0 })
    },
    shutdown: () => Promise.resolve(),
  }
  processor = new BatchSpanProcessor(exporter)
  const provider = new NodeTracerProvider({ spanProcessors: [processor] })
  provider.register()
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new (require('@opentelemetry/instrumentation-http').HttpInstrumentation)(),
      new (require('@opentelemetry/instrumentation-express').ExpressInstrumentation)(),
      new (require('@opentelemetry/instrumentation-pg').PgInstrumentation)(),
      new (require('@opentelemetry/instrumentation-ioredis').IORedisInstrumentation)(),
    ],
  })
}

const express = require('express')
const pg = require('pg')
const { Redis } = require('ioredis')

let counted = 0
let reports = 0
let short = 0
let pool = new pg.Pool({ connectionString: pgUrl, max: 10 })
let redis = new Redis(redisUrl)
const app = express()
if (variant === 'querycost' || variant === 'querycost-loop') {
  const { configure, expressCost } = await import('@querycost/core')
  if (variant === 'querycost-loop') configure({ eventLoop: true })
  pool = (await import('@querycost/pg')).instrument(pool)
  redis = (await import('@querycost/ioredis')).instrument(redis)
  app.use(
    expressCost({
      onReport: (report) => {
        counted += report.total.count
        // A request autocannon aborts at the end of a round reports early, with what it finished.
        if (report.total.count === 5) reports++
        else short++
      },
    }),
  )
}

if (variant === 'control') {
  // Control: none plus exactly E2E_CONTROL_US of busy CPU per request, no allocation. It says
  // how the shape reads a known per-request cost (the same number of µs, or more, when
  // the slower server also batches less).
  const { burn, calibrateBurn } = await import('./variants.js')
  const iterations = calibrateBurn(Number(process.env.E2E_CONTROL_US ?? 10) * 1000)
  app.use((_req, _res, next) => {
    burn(iterations)
    next()
  })
}

if (variant === 'als') {
  // Control: one AsyncLocalStorage store per request and nothing else, the floor any
  // context-propagating tool pays (on Node 20, ALS turns on async_hooks promise hooks).
  const { AsyncLocalStorage } = await import('node:async_hooks')
  const als = new AsyncLocalStorage()
  app.use((_req, _res, next) => als.run({}, next))
}

let requests = 0
// A typical read route: the user, their recent orders and a count from SQL; a session
// lookup and a view counter in Redis.
app.get('/users/:id', async (req, res, next) => {
  try {
    const id = Number(req.params.id)
    const user = await pool.query('SELECT id, name FROM qc_bench_users WHERE id = $1', [id])
    const [orders, total, session, views] = await Promise.all([
      pool.query('SELECT id, amount FROM qc_bench_orders WHERE user_id = $1 ORDER BY id DESC LIMIT 5', [id]),
      pool.query('SELECT count(*) AS n FROM qc_bench_orders WHERE user_id = $1', [id]),
      redis.get(`qcb:session:${id}`),
      redis.incr(`qcb:views:${id}`),
    ])
    requests++
    res.json({ user: user.rows[0], orders: orders.rows, total: total.rows[0].n, session, views })
  } catch (error) {
    next(error)
  }
})

let cpu0
let requests0 = 0
let counted0 = 0
let reports0 = 0
let short0 = 0
let spans0 = 0
process.on('message', async (message) => {
  if (message.cmd === 'start') {
    if (processor) await processor.forceFlush()
    cpu0 = process.cpuUsage()
    requests0 = requests
    counted0 = counted
    reports0 = reports
    short0 = short
    spans0 = spans
    process.send({ cmd: 'started' })
  } else if (message.cmd === 'stop') {
    // Exporting the spans of the window is part of OpenTelemetry's cost.
    if (processor) await processor.forceFlush()
    const cpu = process.cpuUsage(cpu0)
    process.send({
      cmd: 'stopped',
      cpuUs: cpu.user + cpu.system,
      requests: requests - requests0,
      operations: counted - counted0,
      reports: reports - reports0,
      short: short - short0,
      spans: spans - spans0,
    })
  } else if (message.cmd === 'exit') {
    // Autocannon's last requests may still be in flight: no graceful pool shutdown.
    process.exit(0)
  }
})

const server = app.listen(0, '127.0.0.1', () => process.send({ cmd: 'ready', port: server.address().port }))
