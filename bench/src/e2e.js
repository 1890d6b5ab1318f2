import { fork } from 'node:child_process'
import { createRequire } from 'node:module'
import { config, variantSelected } from './config.js'
import { median, spread } from './stats.js'

const require = createRequire(import.meta.url)
const autocannon = require('autocannon')
// `control` (none + exactly 10 µs per request) is a research variant: only when BENCH_VARIANTS names it.
const VARIANTS = ['none', 'control', 'als', 'querycost', 'otel'].filter((v) => v !== 'control' || variantSelected('control'))
/** CPU the `control` server burns per request, on top of `none`. */
export const E2E_CONTROL_US = 10
const SQL_PER_REQUEST = 3
const REDIS_PER_REQUEST = 2

export async function prepare() {
  const pg = require('pg')
  const client = new pg.Client({ connectionString: config.pgUrl })
  await client.connect()
  await client.query('CREATE TABLE IF NOT EXISTS qc_bench_users (id int PRIMARY KEY, name text NOT NULL)')
  await client.query(`INSERT INTO qc_bench_users SELECT g, 'user ' || g FROM generate_series(1, 100) g ON CONFLICT DO NOTHING`)
  await client.query('CREATE TABLE IF NOT EXISTS qc_bench_orders (id serial PRIMARY KEY, user_id int NOT NULL, amount int NOT NULL)')
  const { rows } = await client.query('SELECT count(*)::int AS n FROM qc_bench_orders')
  if (rows[0].n === 0) {
    await client.query('INSERT INTO qc_bench_orders (user_id, amount) SELECT g % 100 + 1, g FROM generate_series(1, 2000) g')
    await client.query('CREATE INDEX IF NOT EXISTS qc_bench_orders_user ON qc_bench_orders (user_id)')
  }
  await client.end()
}

/** A server child process; resolves once it listens. */
export function start(variant) {
  const child = fork(new URL('./e2e-server.js', import.meta.url), [variant], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, E2E_CONTROL_US: String(E2E_CONTROL_US) },
  })
  const waiters = []
  child.on('message', (message) => waiters.shift()?.(message))
  const ask = (cmd) =>
    new Promise((resolve) => {
      waiters.push(resolve)
      if (cmd) child.send({ cmd })
    })
  return ask(undefined).then(({ port }) => ({ variant, child, ask, url: `http://127.0.0.1:${port}` }))
}

function load(url, ms) {
  return autocannon({
    url: `${url}/users/42`,
    connections: config.e2eConnections,
    duration: ms / 1000,
    requests: [{ setupRequest: (req) => ({ ...req, path: `/users/${1 + Math.floor(Math.random() * 100)}` }) }],
  })
}

export async function round(server, ms) {
  await server.ask('start')
  const result = await load(server.url, ms)
  const stats = await server.ask('stop')
  return { ...stats, rps: result.requests.average, errors: result.errors + result.non2xx }
}

/**
 * Runs each variant's server (one process each) in interleaved rounds after a warm-up
 * round, rotating which goes first, and calls `each(server, stats, round)` after every
 * round. Returns the per-request CPU (µs) and requests/s of every round, per variant.
 */
export async function interleavedRounds(variants, each) {
  await prepare()
  const servers = []
  for (const variant of variants) servers.push(await start(variant))
  const samples = Object.fromEntries(variants.map((v) => [v, { cpuUs: [], rps: [] }]))
  try {
    for (const server of servers) await round(server, Math.min(2000, config.e2eMs)) // warm-up
    for (let r = 0; r < config.e2eRounds; r++) {
      for (let i = 0; i < servers.length; i++) {
        const server = servers[(r + i) % servers.length]
        const s = await round(server, config.e2eMs)
        samples[server.variant].cpuUs.push(s.cpuUs / s.requests)
        samples[server.variant].rps.push(s.rps)
        each(server, s, r)
      }
    }
  } finally {
    for (const server of servers) server.child.send({ cmd: 'exit' })
  }
  return samples
}

/**
 * The end-to-end shape: an Express route doing 3 SQL queries and 2 Redis commands,
 * one server process per variant, driven by autocannon in interleaved rounds. `als` is
 * a control: an AsyncLocalStorage store per request and nothing else.
 * CPU per request is measured in the server process.
 */
export async function benchE2e(log) {
  const problems = []
  const samples = await interleavedRounds(VARIANTS, (server, s, r) => {
    log(`e2e round ${r + 1}/${config.e2eRounds}: ${server.variant}`)
    const ops = s.requests * (SQL_PER_REQUEST + REDIS_PER_REQUEST)
    if (s.errors > 0) problems.push(`${server.variant}: ${s.errors} failed requests`)
    // Reports arrive when responses end: a window's edges hold a few requests of the next or last one.
    if (server.variant === 'querycost' && (s.reports < s.requests - config.e2eConnections || s.short > config.e2eConnections)) {
      problems.push(`querycost: ${s.reports} reports of 5 operations (${s.short} short) for ${s.requests} requests`)
    }
    if (server.variant === 'otel' && s.spans < ops) problems.push(`otel exported ${s.spans} spans for ${s.requests} requests`)
    if (server.variant !== 'otel' && s.spans !== 0) problems.push(`${server.variant}: made spans`)
  })
  const variants = {}
  for (const v of VARIANTS) {
    variants[v] = {
      cpuUs: median(samples[v].cpuUs),
      rps: median(samples[v].rps),
      spread: spread(samples[v].cpuUs),
      samples: samples[v].cpuUs,
    }
  }
  return {
    rounds: config.e2eRounds,
    ms: config.e2eMs,
    connections: config.e2eConnections,
    opsPerRequest: SQL_PER_REQUEST + REDIS_PER_REQUEST,
    variants,
    problems: [...new Set(problems)],
  }
}
