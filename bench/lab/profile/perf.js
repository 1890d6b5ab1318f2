// Where an in-process shape's CPU goes, to the machine instruction, measured natively
// with Linux `perf` (which samples a timer where the VM offers no hardware counters):
//   node profile/perf.js pg-pipeline querycost            (300,000 operations)
//   node profile/perf.js pg-pipeline querycost settle     (and the hottest instructions of
//                                                          the first symbol naming `settle`)
// The workload is profile/inproc.js under `node --perf-prof`; `perf inject --jit` joins
// the code V8 compiled to the samples. Prints CPU per operation, the time per operation
// in querycost's own frames (core and the driver packages; what they call in V8's
// builtins and collector is not counted), and the heaviest symbols. Sampling slows the
// run (by 10 to 20% in pg pipeline, 2026-12-05), so compare figures of the same method
// only: the same shape through two builds, alternating (README, "Where core's time goes,
// to the instruction"). A load that misses the cache shows on the instruction after it.
// About 20 seconds. Files go to out/perf/, emptied first; needs `perf` (Debian's
// linux-perf). profile/perf-diff.js sets two variants side by side, symbol by symbol.
import { perfAnnotate, perfRecord } from './perf-record.js'

const [shape = 'pg-pipeline', variant = 'querycost', symbol] = process.argv.slice(2)
const OPS = Number(process.env.PROFILE_OPS ?? 300000)
const OWN = /packages\/(core|pg|mysql2|ioredis)\/dist/
const dir = new URL('../../out/perf/', import.meta.url).pathname

const { cpu, rows, hz } = await perfRecord(variant, shape, OPS, dir)
const own = rows.filter((r) => OWN.test(r.name)).reduce((sum, r) => sum + r.share, 0)
console.log(`${shape} ${variant} on Node ${process.versions.node}, ${OPS} operations under perf at ${hz} Hz`)
console.log(`  ${cpu} µs CPU/op; querycost's own frames ${own.toFixed(2)}% of samples = ${((own / 100) * cpu).toFixed(3)} µs/op`)
for (const r of rows.slice(0, 15)) console.log(`  ${r.share.toFixed(2).padStart(6)}%  ${r.name.slice(0, 110)}`)
if (symbol !== undefined) {
  const hit = rows.find((r) => r.name.includes(symbol))
  if (hit === undefined) throw new Error(`no sampled symbol names ${symbol}`)
  const lines = await perfAnnotate(dir, hit.name)
  console.log(`\n${hit.name} (${hit.share}% of samples), its hottest instructions:`)
  for (const l of lines.sort((a, b) => b.share - a.share).slice(0, 12))
    console.log(`  ${l.share.toFixed(2).padStart(6)}%  ${l.at}: ${l.code.slice(0, 90)}`)
}
