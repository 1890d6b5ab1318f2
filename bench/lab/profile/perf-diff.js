// What one variant of an in-process shape spends beyond another, symbol by symbol, under
// Linux `perf` (profile/perf-record.js):
//   node profile/perf-diff.js pg-pipeline                  (raw, then querycost, 3 times)
//   node profile/perf-diff.js ioredis 5 raw querycost
//   node profile/perf-diff.js pg-pipeline 4 querycost querycost@/tmp/other   (two builds: the
//                                   second runs /tmp/other/bench/profile/inproc.js, so /tmp/other's
//                                   packages; a copy of the checkout, node_modules included)
// Runs the two variants alternately, each `pairs` times (300,000 operations a run,
// PROFILE_OPS to change it), and turns each symbol's share of the samples into µs per
// operation (share × the run's CPU per operation), averaged over its runs. Prints the
// symbols whose µs/op differ most between the two, then the totals by origin: `jit` is
// what V8 compiled (on Node 24 its builtins too), `node` the binary (on Node 20 the
// builtins and, on both, the collector), and the C library, the kernel and the vDSO (the
// clock). Unlike the own-frames figure of profile/perf.js, this counts what querycost
// costs inside the driver's frames (its callbacks inlined into them) and in V8's builtins
// (Map lookups, promises). A symbol found in one variant only is querycost's own code or
// code V8 compiled differently: read the totals, not one line. Sampling slows a run (by
// 10 to 20% here), so compare these figures with each other, not with RESULTS.md. Two
// runs of one build differ too: measure that first (README, "What querycost adds, symbol
// by symbol"). About 20 seconds a run; files go to out/perf-diff/.
import { perfRecord, symbolName } from './perf-record.js'

const [shape = 'pg-pipeline', pairsArg = '3', a = 'raw', b = 'querycost'] = process.argv.slice(2)
const pairs = Number(pairsArg)
if (a === b) throw new Error(`two variants to compare, not ${a} twice: the same build twice is ${a} ${a}@<a copy of the checkout>`)
const OPS = Number(process.env.PROFILE_OPS ?? 300000)
const dir = new URL('../../out/perf-diff/', import.meta.url).pathname

/** µs per operation by `origin | symbol`, summed over a variant's runs, and its CPU per operation. */
const totals = { [a]: { runs: 0, cpu: 0, bySymbol: new Map() }, [b]: { runs: 0, cpu: 0, bySymbol: new Map() } }
for (let i = 0; i < pairs; i++) {
  for (const variant of [a, b]) {
    const { cpu, rows } = await perfRecord(variant, shape, OPS, dir)
    const t = totals[variant]
    t.runs++
    t.cpu += cpu
    for (const r of rows) {
      const key = `${r.origin} | ${symbolName(r.name)}`
      t.bySymbol.set(key, (t.bySymbol.get(key) ?? 0) + (r.share / 100) * cpu)
    }
    console.error(`  run ${i + 1}: ${variant} ${cpu} µs CPU/op`)
  }
}
const mean = (variant, key) => (totals[variant].bySymbol.get(key) ?? 0) / totals[variant].runs
const fmt = (x) => x.toFixed(3).padStart(7)
const keys = new Set([...totals[a].bySymbol.keys(), ...totals[b].bySymbol.keys()])
const rows = [...keys].map((key) => ({ key, a: mean(a, key), b: mean(b, key) }))
console.log(`${shape} on Node ${process.versions.node}, ${pairs} runs each of ${OPS} operations under perf, µs/op`)
console.log(`  CPU/op: ${a} ${(totals[a].cpu / pairs).toFixed(3)}, ${b} ${(totals[b].cpu / pairs).toFixed(3)}`)
console.log(`${a.padStart(7)} ${b.padStart(7)} ${'added'.padStart(7)}  origin | symbol`)
for (const r of rows.sort((x, y) => Math.abs(y.b - y.a) - Math.abs(x.b - x.a)).slice(0, Number(process.env.PROFILE_TOP ?? 30)))
  console.log(`${fmt(r.a)} ${fmt(r.b)} ${fmt(r.b - r.a)}  ${r.key.slice(0, 110)}`)
const byOrigin = new Map()
for (const r of rows) {
  const origin = r.key.slice(0, r.key.indexOf(' | '))
  const sum = byOrigin.get(origin) ?? { a: 0, b: 0 }
  sum.a += r.a
  sum.b += r.b
  byOrigin.set(origin, sum)
}
console.log('by origin:')
for (const [origin, s] of [...byOrigin].sort((x, y) => Math.abs(y[1].b - y[1].a) - Math.abs(x[1].b - x[1].a)))
  console.log(`${fmt(s.a)} ${fmt(s.b)} ${fmt(s.b - s.a)}  ${origin}`)
