// The `querycost` command over one million reports: generates them (a fixed seed, so the
// same file every run), then times each command as a user runs it (a child process that
// reads the whole file, then answers), and, where ClickHouse answers, `load` and the same
// commands with --clickhouse. Wall-clock seconds on a shared machine: compare commands
// within one run, not across runs. BENCH_CLI_REPORTS sets the number of reports.
import { spawnSync } from 'node:child_process'
import { closeSync, existsSync, mkdirSync, openSync, statSync, writeSync } from 'node:fs'
import { request } from 'node:http'
import { cpus, loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'

const REPORTS = Number(process.env.BENCH_CLI_REPORTS ?? 1_000_000)
const CLICKHOUSE = process.env.QUERYCOST_CLICKHOUSE_URL ?? 'http://127.0.0.1:8123'
const out = fileURLToPath(new URL('./out/', import.meta.url))
const file = `${out}cli-reports-${REPORTS}.jsonl`
const bin = fileURLToPath(new URL('../packages/cli/dist/bin.js', import.meta.url))

const ROUTES = Array.from({ length: 40 }, (_, i) => `${['GET', 'POST', 'PUT', 'DELETE'][i % 4]} /api/v1/resource${i}/:id`)
const TABLES = [
  ['pg', 'users'],
  ['pg', 'orders'],
  ['pg', 'order_items'],
  ['pg', 'products'],
  ['pg', 'analytics.events'],
  ['mysql', 'invoices'],
  ['mysql', 'customers'],
  ['redis', 'session'],
  ['redis', 'cart'],
  ['mongodb', 'audit'],
]
const OPS = {
  pg: ['SELECT', 'UPDATE', 'INSERT'],
  mysql: ['SELECT', 'UPDATE'],
  redis: ['GET', 'SET', 'HGETALL'],
  mongodb: ['find', 'insert'],
}

let seed = 42
const rand = () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff
  return seed / 0x7fffffff
}
const pick = (list) => list[Math.floor(rand() * list.length)]
const round = (ms) => Math.round(ms * 1000) / 1000

function report(i) {
  const name = pick(ROUTES)
  const tables = {}
  const systems = {}
  const total = { count: 0, durationMs: 0, rows: 0, affected: 0, errors: 0 }
  const n = 1 + Math.floor(rand() * 4)
  for (let k = 0; k < n; k++) {
    const [system, table] = pick(TABLES)
    const op = pick(OPS[system])
    const write = op !== 'SELECT' && op !== 'GET' && op !== 'HGETALL' && op !== 'find'
    const s = {
      count: 1 + Math.floor(rand() * 12),
      durationMs: round(rand() * 8),
      rows: write ? 0 : Math.floor(rand() * 200),
      affected: write ? 1 + Math.floor(rand() * 3) : 0,
      errors: rand() < 0.01 ? 1 : 0,
    }
    const key = `${system}:${table}`
    tables[key] ??= { system, table, count: 0, durationMs: 0, rows: 0, affected: 0, errors: 0, operations: {} }
    systems[system] ??= { count: 0, durationMs: 0, rows: 0, affected: 0, errors: 0 }
    const t = tables[key]
    const sys = systems[system]
    for (const into of [t, sys, total]) for (const f of Object.keys(s)) into[f] = round(into[f] + s[f])
    t.operations[op] ??= { count: 0, durationMs: 0, rows: 0, affected: 0, errors: 0 }
    const o = t.operations[op]
    for (const f of Object.keys(s)) o[f] = round(o[f] + s[f])
  }
  const repeated =
    rand() < 0.2
      ? [
          {
            system: 'pg',
            fingerprint: `select * from order_items where order_id = ? and kind = ${Math.floor(rand() * 5)}`,
            tables: ['order_items'],
            count: 10 + Math.floor(rand() * 40),
            durationMs: round(rand() * 20),
          },
        ]
      : []
  const violations = total.count > 40 ? [{ limit: 'maxCount', value: total.count, threshold: 40 }] : []
  const startedAt = new Date(Date.parse('2026-11-01T00:00:00Z') + i * 600).toISOString()
  return {
    schema: 1,
    name,
    startedAt,
    wallMs: round(total.durationMs + rand() * 10),
    dbWallMs: round(total.durationMs * 0.8),
    poolWaitMs: round(rand()),
    total,
    systems,
    tables,
    repeated,
    violations,
  }
}

function generate() {
  mkdirSync(out, { recursive: true })
  const fd = openSync(file, 'w')
  let chunk = []
  for (let i = 0; i < REPORTS; i++) {
    chunk.push(JSON.stringify(report(i)))
    if (chunk.length === 10_000) {
      writeSync(fd, `${chunk.join('\n')}\n`)
      chunk = []
    }
  }
  if (chunk.length > 0) writeSync(fd, `${chunk.join('\n')}\n`)
  closeSync(fd)
}

// GNU time, where present, adds the CPU seconds the command used (user + system, all its
// threads): steadier than the wall clock when other processes share the cores.
const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined

function time(label, args, engine = 'duckdb') {
  const started = performance.now()
  const [cmd, argv] = GNU_TIME ? [GNU_TIME, ['-f', 'cpu %U %S', process.execPath, bin, ...args]] : [process.execPath, [bin, ...args]]
  const run = spawnSync(cmd, argv, { encoding: 'utf8', maxBuffer: 1 << 28 })
  const seconds = (performance.now() - started) / 1000
  if (run.status !== 0) throw new Error(`${label} failed: ${run.stderr}`)
  const cpuLine = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(run.stderr)
  const cpu = cpuLine ? Number(cpuLine[1]) + Number(cpuLine[2]) : undefined
  console.log(`  ${engine} ${label}: ${seconds.toFixed(1)} s${cpu === undefined ? '' : `, ${cpu.toFixed(1)} s CPU`}`)
  return { label, seconds, cpu }
}

const cell = (r) => (r ? `${r.seconds.toFixed(1)} s${r.cpu === undefined ? '' : ` (${r.cpu.toFixed(1)} s CPU)`}` : '–')

const genStart = performance.now()
// BENCH_CLI_KEEP=1 times the file of the previous run again instead of writing it anew.
if (!(process.env.BENCH_CLI_KEEP && existsSync(file))) generate()
const genSeconds = (performance.now() - genStart) / 1000
const size = statSync(file).size
console.log(`${(size / 1e6).toFixed(0)} MB in ${file}`)
const since = '2026-11-02T00:00:00Z'
const commands = [
  ['routes', ['routes', file]],
  ['tables --by rows', ['tables', file, '--by', 'rows']],
  ['table pg:orders', ['table', 'pg:orders', file]],
  ['repeated', ['repeated', file]],
  ['compare', ['compare', file, '--before', `..${since}`, '--after', `${since}..`]],
  ['sql', ['sql', 'SELECT count(*) AS n FROM cost_rows', file]],
  ['report --html', ['report', file, '--html', `${out}cli-report-${REPORTS}.html`]],
  ['export --parquet', ['export', file, '--parquet', `${out}cli-rows-${REPORTS}.parquet`]],
]
const results = commands.map(([label, args]) => time(label, args))

// One connection per statement: ClickHouse closes idle keep-alive sockets that fetch would reuse.
function clickhouse(sql) {
  return new Promise((resolve) => {
    const req = request(`${CLICKHOUSE}/`, { method: 'POST', agent: false }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode === 200))
    })
    req.on('error', () => resolve(false))
    req.end(sql)
  })
}

const ch = []
const reachable = await clickhouse('SELECT 1')
if (reachable) {
  const url = `${CLICKHOUSE}/querycost_bench`
  await clickhouse('DROP DATABASE IF EXISTS querycost_bench')
  ch.push(time('load', ['load', file, '--clickhouse', url], 'clickhouse'))
  for (const [label, args] of commands.slice(0, 6))
    ch.push(time(label, [...args.filter((a) => a !== file), '--clickhouse', url], 'clickhouse'))
  await clickhouse('DROP DATABASE IF EXISTS querycost_bench')
}

const lines = [
  `querycost CLI over ${REPORTS.toLocaleString('en-US')} reports: ${(size / 1e6).toFixed(0)} MB of JSON lines (generated in ${genSeconds.toFixed(1)} s)`,
  `node ${process.version}, ${cpus().length} cores, load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} (a shared machine: seconds move with its load)`,
  '',
  '| command | DuckDB (reads the file, then answers) | ClickHouse (after load) |',
  '| --- | ---: | ---: |',
  ...results.map((r) => `| ${r.label} | ${cell(r)} | ${cell(ch.find((x) => x.label === r.label))} |`),
  ...(ch.length > 0 ? [`| load | – | ${cell(ch[0])} |`] : ['', `ClickHouse not reachable at ${CLICKHOUSE}: its column is empty.`]),
]
console.log(lines.join('\n'))
