// Where an in-process shape's CPU goes, to the machine instruction, measured natively
// with Linux `perf` (which samples a timer where the VM offers no hardware counters):
//   node profile/perf.js pg-pipeline querycost            (300,000 operations)
//   node profile/perf.js pg-pipeline querycost settle     (and the hottest instructions of
//                                                          the first symbol naming `settle`)
// The workload is profile/inproc.js under `node --perf-prof`; `perf inject --jit` joins
// the code V8 compiled to the samples. Prints CPU per operation, the time per operation
// in querycost's own frames (core and the driver packages; what they call in V8's
// builtins and collector is not counted), and the heaviest symbols. Sampling slows the
// run by about half, so compare figures of the same method only: the same shape through
// two builds, alternating (README, "Where core's time goes, to the instruction"). A load
// that misses the cache shows on the instruction after it. About 20 seconds. Files go to
// out/perf/, emptied first; needs `perf` (Debian's linux-perf).
import { execFile } from 'node:child_process'
import { mkdirSync, rmSync } from 'node:fs'
import { promisify } from 'node:util'

const run = promisify(execFile)
const [shape = 'pg-pipeline', variant = 'querycost', symbol] = process.argv.slice(2)
const OPS = Number(process.env.PROFILE_OPS ?? 300000)
const HZ = 10000
const OWN = /packages\/(core|pg|mysql2|ioredis)\/dist/
const dir = new URL('../out/perf/', import.meta.url).pathname
const workload = new URL('./inproc.js', import.meta.url).pathname
const big = { maxBuffer: 256 * 1024 * 1024, cwd: dir }

rmSync(dir, { recursive: true, force: true })
mkdirSync(dir, { recursive: true })
const recorded = await run(
  'perf',
  ['record', '-k', '1', '-F', String(HZ), '-o', 'raw.data', process.execPath, '--perf-prof', workload, shape, variant, String(OPS)],
  big,
)
await run('perf', ['inject', '--jit', '-i', 'raw.data', '-o', 'jit.data'], big)
const { stdout } = await run('perf', ['report', '-i', 'jit.data', '--no-children', '--sort', 'symbol', '--stdio'], big)

const cpu = Number(/([\d.]+) µs CPU\/op/.exec(recorded.stdout)?.[1])
// perf pads each line to thousands of columns: trimmed first, or the match backtracks for minutes.
const rows = stdout
  .split('\n')
  .map((line) => /^\s+([\d.]+)%\s+\[.\]\s+(.+)$/.exec(line.trimEnd()))
  .filter((m) => m !== null)
  .map((m) => ({ share: Number(m[1]), name: m[2].replace(/(\s+-)+$/, '') }))
const own = rows.filter((r) => OWN.test(r.name)).reduce((sum, r) => sum + r.share, 0)
console.log(`${shape} ${variant} on Node ${process.versions.node}, ${OPS} operations under perf at ${HZ} Hz`)
console.log(`  ${cpu} µs CPU/op; querycost's own frames ${own.toFixed(2)}% of samples = ${((own / 100) * cpu).toFixed(3)} µs/op`)
for (const r of rows.slice(0, 15)) console.log(`  ${r.share.toFixed(2).padStart(6)}%  ${r.name.slice(0, 110)}`)
if (symbol !== undefined) {
  const hit = rows.find((r) => r.name.includes(symbol))
  if (hit === undefined) throw new Error(`no sampled symbol names ${symbol}`)
  const annotated = await run('perf', ['annotate', '-i', 'jit.data', '--stdio', '-s', hit.name], big)
  const lines = [...annotated.stdout.matchAll(/^\s+([\d.]+) :\s+([0-9a-f]+):\s+(.+)$/gm)].map((m) => ({
    share: Number(m[1]),
    at: m[2],
    code: m[3].trim(),
  }))
  console.log(`\n${hit.name} (${hit.share}% of samples), its hottest instructions:`)
  for (const l of lines.sort((a, b) => b.share - a.share).slice(0, 12))
    console.log(`  ${l.share.toFixed(2).padStart(6)}%  ${l.at}: ${l.code.slice(0, 90)}`)
}
