// Runs the selected benchmarks, prints their tables and writes
// out/results-node<major>.json, then regenerates RESULTS.md from every JSON present.
import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { promisify } from 'node:util'
import { writeResults } from './results.js'
import { config, focused, selected } from './src/config.js'
import { benchE2e } from './src/e2e.js'
import { benchInProcess } from './src/inproc/index.js'
import { loadDrivers } from './src/load.js'
import { machine } from './src/machine.js'
import { benchMicro } from './src/micro.js'
import { sqlTables } from './src/sql-table.js'
import { e2eTable, microTable, printDriver, verdicts, verdictTable } from './src/table.js'

const log = (line) => console.log(line)
const started = Date.now()
const ALL = ['pg', 'mysql2', 'ioredis']
const drivers = ALL.filter(selected)
const modules = loadDrivers(selected('inproc') ? ALL : drivers)
const out = { node: process.version, startedAt: new Date().toISOString(), machine: machine(), config, drivers: [], notes: [] }

log(`querycost bench on Node ${process.version}${config.quick ? ' (BENCH_QUICK)' : ''}: ${config.rounds} rounds of ~${config.roundMs} ms`)
// In process first, on a fresh heap: after the loopback shapes, leftover old-generation
// garbage makes their rounds noisier.
if (selected('inproc')) {
  try {
    out.inProcess = await benchInProcess(modules, log)
    for (const result of out.inProcess) printDriver(result, log)
  } catch (error) {
    out.notes.push(`inproc: failed: ${error.stack ?? error}`)
    log(out.notes.at(-1))
  }
}
for (const name of drivers) {
  const { bench } = await import(`./src/drivers/${name}.js`)
  try {
    const result = await bench(modules[name], log)
    out.drivers.push(result)
    printDriver(result, log)
  } catch (error) {
    const note = `${name}: failed: ${error.stack ?? error}`
    out.notes.push(note)
    log(note)
  }
}
if (selected('e2e')) {
  log('e2e: Express route, 3 SQL + 2 Redis per request, autocannon')
  try {
    out.e2e = await benchE2e(log)
    log('')
    log(e2eTable(out.e2e))
    for (const p of out.e2e.problems) log(`  ! e2e: ${p}`)
  } catch (error) {
    out.notes.push(`e2e: failed: ${error.stack ?? error}`)
    log(out.notes.at(-1))
  }
}
if (selected('micro')) {
  log('')
  log('micro: hot paths, no database (CPU ns per call)')
  out.micro = await benchMicro(log)
  log('')
  log(microTable(out.micro))
}
if (selected('sql')) {
  log('')
  log('sql: statements the cache has not seen, against a bare scan of the same characters (sql.js)')
  const { stdout } = await promisify(execFile)(process.execPath, [new URL('./sql.js', import.meta.url).pathname, '--json'], {
    maxBuffer: 1 << 24,
  })
  out.sql = JSON.parse(stdout.trim().split('\n').pop())
  log(sqlTables(out.sql))
}
out.verdicts = verdicts(out)
if (out.verdicts.length > 0) {
  log('')
  log(verdictTable(out.verdicts))
}
if (focused()) {
  // A focused run leaves variants out or changes a default: its figures are printed, never stored beside full runs'.
  log(`a focused run (BENCH_VARIANTS or BENCH_MYSQL_TRACE), nothing written (${((Date.now() - started) / 1000).toFixed(0)} s)`)
  process.exit(0)
}
out.machine.loadavgEnd = (await import('node:os')).loadavg().map((l) => Number(l.toFixed(2)))
out.wallSeconds = (Date.now() - started) / 1000
mkdirSync(new URL('./out/', import.meta.url), { recursive: true })
const file = new URL(`./out/results-node${process.versions.node.split('.')[0]}.json`, import.meta.url)
if (config.only !== undefined && existsSync(file)) {
  // A partial run (BENCH_ONLY) replaces only the parts it ran in this Node's results.
  const previous = JSON.parse(readFileSync(file, 'utf8'))
  const ran = new Set(out.drivers.map((d) => d.driver))
  out.drivers = [...previous.drivers.filter((d) => !ran.has(d.driver)), ...out.drivers]
  out.inProcess ??= previous.inProcess
  out.e2e ??= previous.e2e
  out.micro ??= previous.micro
  out.sql ??= previous.sql
  out.verdicts = verdicts(out)
  out.partial = [...(previous.partial ?? []), `${out.startedAt}: ${[...config.only].join(',')}`]
}
writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`)
log(`wrote ${file.pathname} in ${out.wallSeconds.toFixed(0)} s`)
log(`regenerated ${writeResults()}`)
process.exit(0)
