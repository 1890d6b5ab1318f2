// Where querycost's added cost goes, function by function, with the cache misses that
// instruction counts leave out: each variant of one in-process shape (profile/inproc.js)
// runs at two sizes under `valgrind --tool=callgrind --cache-sim=yes` (L1 32 KiB, last
// level 512 KiB: no bigger than the hosts' private L2, the L3 being other tenants' too), with V8's perf
// map naming the JIT code; the difference of the sizes over the difference of the
// operations gives each function's self cost per operation, start-up cancelled.
//   node profile/callgrind-diff.js <pg-pool|pg-pipeline|mysql2|ioredis> [top=40] [sort=Ir]
//   (BENCH_INSTR_OPS=20000,60000 and BENCH_INSTR_WARMUP=40000 by default; ~15 minutes)
// Prints, per function, querycost minus raw: Ir (instructions), I1mr (instruction-cache
// misses), D1mr/D1mw (L1 data misses), DLmr/DLmw (misses of the 512 KiB level).
import { readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { underValgrind } from '../../src/valgrind.js'
import { perfMap } from './perf-map.js'

const [shape = 'ioredis', top = '40', sortBy = 'Ir'] = process.argv.slice(2)
const [SMALL, LARGE] = (process.env.BENCH_INSTR_OPS ?? '20000,60000').split(',').map(Number)
const WARMUP = process.env.BENCH_INSTR_WARMUP ?? '40000'
const SHOWN = ['Ir', 'I1mr', 'D1mr', 'D1mw', 'DLmr', 'DLmw']

/** One run's callgrind output file, and the pid whose perf map names its JIT code. */
async function profile(variant, n) {
  const out = join(tmpdir(), `qc-callgrind-${shape}-${variant}-${n}.%p`)
  const stderr = await underValgrind(
    ['--tool=callgrind', '--cache-sim=yes', '--I1=32768,8,64', '--D1=32768,8,64', '--LL=524288,8,64', `--callgrind-out-file=${out}`],
    shape,
    variant,
    n,
    WARMUP,
    ['--perf-basic-prof'],
  )
  const pid = /==(\d+)==/.exec(stderr)?.[1]
  if (pid === undefined) throw new Error(`valgrind printed no pid for ${shape} ${variant} ${n}:\n${stderr.slice(-500)}`)
  // V8 writes its perf map to /tmp whatever TMPDIR says.
  return { file: out.replace('%p', pid), map: `/tmp/perf-${pid}.map` }
}

/** A name for a JIT address, from V8's perf map: the same function at any address. */
function perfNames(path) {
  const lookup = perfMap(path)
  return (address) => {
    const name = lookup(address)
    if (name === undefined) return 'JIT (unnamed)'
    // `JS:*name file:line:col` → `name file:line`.
    return `JIT ${name
      .replace(/^\w+:[*~^+]?/, '')
      .replace(/ (file:\/\/)?\/\S*\/(node_modules\/)?/, ' ')
      .replace(/:\d+$/, '')}`
  }
}

/** Self cost per function (every event callgrind counted) of one output file. */
function selfCosts({ file, map }) {
  const nameOf = perfNames(map)
  const names = new Map()
  const costs = new Map()
  let events = []
  let fn
  let skip = false
  const named = (line, prefix) => {
    const m = new RegExp(`^${prefix}=\\((\\d+)\\)(?: (.*))?$`).exec(line)
    if (m[2] !== undefined) names.set(m[1], m[2])
    const raw = names.get(m[1]).replace(/'\d+$/, '') // a recursion level is the same function
    return /^0x[0-9a-f]+$/.test(raw) ? nameOf(Number.parseInt(raw, 16)) : raw
  }
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.startsWith('events:')) events = line.split(/\s+/).slice(1)
    else if (line.startsWith('fn=')) fn = named(line, 'fn')
    else if (line.startsWith('cfn='))
      named(line, 'cfn') // names may first appear as a callee
    else if (line.startsWith('calls='))
      skip = true // the next line is a call's inclusive cost
    else if (/^[\d+\-*]/.test(line)) {
      if (skip) {
        skip = false
        continue
      }
      const values = line.split(' ').slice(1).map(Number)
      const sum = costs.get(fn) ?? new Array(events.length).fill(0)
      values.forEach((v, i) => {
        sum[i] += v
      })
      costs.set(fn, sum)
    }
  }
  return { events, costs }
}

/** Self cost per function per operation: the large run minus the small one. */
async function perOperation(variant) {
  const runs = await Promise.all([profile(variant, SMALL), profile(variant, LARGE)])
  const [small, large] = runs.map(selfCosts)
  for (const r of runs) for (const f of [r.file, r.map]) rmSync(f, { force: true })
  const out = new Map()
  for (const name of new Set([...small.costs.keys(), ...large.costs.keys()])) {
    const a = small.costs.get(name) ?? []
    const b = large.costs.get(name) ?? []
    out.set(
      name,
      large.events.map((_, i) => ((b[i] ?? 0) - (a[i] ?? 0)) / (LARGE - SMALL)),
    )
  }
  return { events: large.events, costs: out }
}

const raw = await perOperation('raw')
const qc = await perOperation('querycost')
const index = (e) => raw.events.indexOf(e)
const diff = (name, e) => (qc.costs.get(name)?.[index(e)] ?? 0) - (raw.costs.get(name)?.[index(e)] ?? 0)
const total = (costs, e) => [...costs.values()].reduce((s, v) => s + v[index(e)], 0)
console.log(`${shape}, per operation, querycost minus raw (${SMALL} and ${LARGE} operations after ${WARMUP}):`)
console.log(SHOWN.map((e) => `${e} ${(total(qc.costs, e) - total(raw.costs, e)).toFixed(0)}`).join('  '))
console.log(`${SHOWN.map((e) => e.padStart(7)).join(' ')}  function`)
const names = [...new Set([...raw.costs.keys(), ...qc.costs.keys()])]
names.sort((a, b) => Math.abs(diff(b, sortBy)) - Math.abs(diff(a, sortBy)))
for (const name of names.slice(0, Number(top))) {
  console.log(`${SHOWN.map((e) => diff(name, e).toFixed(0).padStart(7)).join(' ')}  ${name.slice(0, 100)}`)
}
