// What each operation allocates, raw against querycost, in one in-process shape (mysql2 by
// default): bytes and objects per operation, and young-generation collections per 100,000
// operations, on the Node running this script.
//
//   node lab/alloc.js [shape] [variants]        e.g. node lab/alloc.js mysql2 raw,querycost
//
// Bytes and objects: the sampling heap profiler at one sample per byte, which samples every
// object (PROFILE_ALLOC=1: tens of times slower), freed ones included, in runs of 10,000 and
// 30,000 operations (ALLOC_OBJECT_OPS) after a warm-up; the difference over the difference
// in operations, so each run's 2000 contexts and their reports cancel. With the functions
// that allocate most, bytes and objects each (ALLOC_NODE_ARGS=--no-turbo-inlining names the
// functions inlined into others; ALLOC_CALLERS=2 names each with its two callers).
// Collections: `src/inproc/workload.js` run natively at two sizes under `--trace-gc-nvp
// --expose-gc` (a full collection before and after the measured run), one line per
// collection; the difference of the two runs' counts, per 100,000 operations (start-up,
// warm-up and the reports cancel out). V8's `allocated=` in those lines is not every byte
// allocated (it is the heap's growth between collections, which concurrent sweeping
// shrinks: raw mysql2 read 8,611 B/op by it, 7,790 sampled), so it is not used.
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'

const run = promisify(execFile)
const WORKLOAD = new URL('../src/inproc/workload.js', import.meta.url).pathname
const [shape = 'mysql2', variantList = 'raw,querycost'] = process.argv.slice(2)
const variants = variantList.split(',')
const [SMALL, LARGE] = (process.env.ALLOC_OPS ?? '20000,100000').split(',').map(Number)
const WARMUP = Number(process.env.ALLOC_WARMUP ?? 40000)
const [OBJECT_SMALL, OBJECT_LARGE] = (process.env.ALLOC_OBJECT_OPS ?? '10000,30000').split(',').map(Number)
const CALLERS = Number(process.env.ALLOC_CALLERS ?? 0)
const TOP = Number(process.env.ALLOC_TOP ?? 12)
// The totals move from run to run for the same code, by up to 170 B and a few objects per
// operation, with or without `--predictable` (which optimized code escape analysis leaves
// allocating differs between runs, in the driver's code as much as in querycost's); by
// function the counts repeat exactly: compare querycost's own functions, not totals.
const nodeArgs = (process.env.ALLOC_NODE_ARGS ?? '').split(' ').filter(Boolean)

/** The collections of one whole run of `n` measured operations. */
async function gcTrace(variant, n) {
  const { stdout } = await run(process.execPath, ['--trace-gc-nvp', '--expose-gc', ...nodeArgs, WORKLOAD, shape, variant, String(n)], {
    env: { ...process.env, PROFILE_WARMUP: String(WARMUP) },
    maxBuffer: 256 * 1024 * 1024,
  })
  let minor = 0
  let major = 0
  for (const line of stdout.split('\n')) {
    const kind = /\bgc=(\w+)/.exec(line)?.[1]
    if (kind === undefined) continue
    if (kind === 's' || kind === 'ms') minor++
    else major++
  }
  return { minor, major }
}

/** Every object one run of `n` measured operations allocated (PROFILE_ALLOC=1): totals, and by function. */
async function sampled(variant, n) {
  const { stdout } = await run(process.execPath, [...nodeArgs, WORKLOAD, shape, variant, String(n)], {
    env: {
      ...process.env,
      PROFILE_WARMUP: String(WARMUP),
      PROFILE_ALLOC: '1',
      PROFILE_ALLOC_TOP: '100000',
      PROFILE_ALLOC_CALLERS: String(CALLERS),
    },
    maxBuffer: 64 * 1024 * 1024,
  })
  const head = /allocated (\d+) B\/op, ([\d.]+) objects\/op/.exec(stdout)
  const where = new Map()
  for (const line of stdout.split('\n')) {
    const m = /^\s*([\d.]+) B\/op\s+([\d.]+) obj\/op {2}(.*)$/.exec(line)
    if (m) where.set(m[3], { bytes: Number(m[1]) * n, objects: Number(m[2]) * n })
  }
  return { bytes: Number(head[1]) * n, objects: Number(head[2]) * n, where }
}

/**
 * Bytes and objects per operation: the difference of two runs (ALLOC_OBJECT_OPS) over the
 * difference in operations, so what each run pays once (its 2000 contexts' reports, the
 * warm-up's leftovers) cancels; and by function, the ones that allocate most.
 */
async function objects(variant) {
  const small = await sampled(variant, OBJECT_SMALL)
  const large = await sampled(variant, OBJECT_LARGE)
  const ops = OBJECT_LARGE - OBJECT_SMALL
  const top = [...large.where]
    .map(([where, l]) => {
      const s = small.where.get(where) ?? { bytes: 0, objects: 0 }
      return { where, bytes: (l.bytes - s.bytes) / ops, objects: (l.objects - s.objects) / ops }
    })
    .sort((x, y) => y.bytes - x.bytes)
    .slice(0, TOP)
  return { bytes: (large.bytes - small.bytes) / ops, objects: (large.objects - small.objects) / ops, top }
}

const rows = []
for (const variant of variants) {
  const [small, large] = [await gcTrace(variant, SMALL), await gcTrace(variant, LARGE)]
  const ops = LARGE - SMALL
  const o = await objects(variant)
  rows.push({
    variant,
    scavenges: ((large.minor - small.minor) / ops) * 100_000,
    major: large.major - small.major,
    bytes: o.bytes,
    objects: o.objects,
    top: o.top,
  })
}
const f = (x, d = 0) => x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d })
console.log(
  `${shape} in process, Node ${process.version}: ${f(SMALL)} and ${f(LARGE)} operations after ${f(WARMUP)}; objects from ${f(OBJECT_SMALL)} and ${f(OBJECT_LARGE)}`,
)
console.log('')
console.log('| variant | B/op | objects/op | scavenges per 100,000 ops | major GCs between the sizes |')
console.log('| --- | --- | --- | --- | --- |')
for (const r of rows) console.log(`| ${r.variant} | ${f(r.bytes)} | ${f(r.objects, 1)} | ${f(r.scavenges, 1)} | ${r.major} |`)
const raw = rows.find((r) => r.variant === 'raw')
for (const r of rows) {
  if (r === raw || raw === undefined) continue
  console.log(
    `| ${r.variant} − raw | ${f(r.bytes - raw.bytes)} (${f(((r.bytes - raw.bytes) / raw.bytes) * 100, 1)}%) | ${f(r.objects - raw.objects, 1)} | ${f(r.scavenges - raw.scavenges, 1)} | |`,
  )
}
for (const r of rows) {
  console.log('', `${r.variant}: the functions that allocate most (B/op, objects/op)`)
  for (const t of r.top) console.log(`${f(t.bytes, 1).padStart(8)} B/op ${f(t.objects, 2).padStart(7)} obj/op  ${t.where}`)
}
