// The quick regression gate (`npm run bench:check`, about two minutes): instructions
// per call of querycost's hot paths (bench/check/hot-path.js), counted by valgrind as
// the difference between runs of two sizes (start-up and warm-up cancel out), held
// against the committed baseline of this Node major (bench/check/baseline-node<N>.json).
// A path fails when it costs more than MARGIN above its baseline. Not part of npm test.
//
//   npm run bench:check -w @querycost/bench            compare with the baseline
//   npm run bench:check -w @querycost/bench -- --write  write the baseline from this run
import { execFile } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { promisify } from 'node:util'

const run = promisify(execFile)
const HOT_PATH = new URL('./check/hot-path.js', import.meta.url).pathname
const ALL = ['operation', 'cache-hit', 'values-repeat', 'cache-miss', 'callback-rebind']
// BENCH_CHECK_PATHS=operation,cache-hit counts only those (a --write then keeps the others' baselines).
const PATHS = process.env.BENCH_CHECK_PATHS?.split(',') ?? ALL
const [SMALL, LARGE] = [10_000, 60_000]
// Repeat counts agree to a few instructions per call; a tenth more, or 50 instructions on
// the cheapest paths, is a change of the code, not noise.
const MARGIN = { ratio: 0.1, floor: 50 }
const major = process.versions.node.split('.')[0]
const baselineFile = new URL(`./check/baseline-node${major}.json`, import.meta.url)

async function instructions(path, n) {
  const args = [
    '--tool=cachegrind',
    '--cache-sim=no',
    '--cachegrind-out-file=/dev/null',
    process.execPath,
    '--predictable',
    HOT_PATH,
    path,
    String(n),
  ]
  const { stderr } = await run('valgrind', args, { maxBuffer: 16 * 1024 * 1024 })
  const match = /I\s+refs:\s+([\d,]+)/.exec(stderr)
  if (!match) throw new Error(`valgrind printed no count for ${path} ${n}:\n${stderr.slice(-400)}`)
  return Number(match[1].replaceAll(',', ''))
}

async function perCall(path) {
  const [small, large] = await Promise.all([instructions(path, SMALL), instructions(path, LARGE)])
  return Math.round((large - small) / (LARGE - SMALL))
}

const started = Date.now()
const counts = {}
for (const path of PATHS) counts[path] = await perCall(path)

if (process.argv.includes('--write')) {
  const kept = existsSync(baselineFile) ? JSON.parse(readFileSync(baselineFile, 'utf8')).counts : {}
  writeFileSync(baselineFile, `${JSON.stringify({ node: process.version, counts: { ...kept, ...counts } }, null, 2)}\n`)
  console.log(`baseline written for Node ${major}:`, counts)
  process.exit(0)
}
if (!existsSync(baselineFile)) {
  console.error(`no baseline for Node ${major}: run with --write on a known-good commit`)
  process.exit(2)
}
const baseline = JSON.parse(readFileSync(baselineFile, 'utf8')).counts
let failed = 0
console.log(`| hot path (Node ${process.version}) | baseline instr/call | now | change | verdict |\n| --- | --- | --- | --- | --- |`)
for (const path of PATHS) {
  const allowed = baseline[path] + Math.max(MARGIN.floor, baseline[path] * MARGIN.ratio)
  const ok = counts[path] <= allowed
  if (!ok) failed++
  const change = (((counts[path] - baseline[path]) / baseline[path]) * 100).toFixed(1)
  console.log(`| ${path} | ${baseline[path]} | ${counts[path]} | ${change}% | ${ok ? 'ok' : `FAIL (over ${Math.round(allowed)})`} |`)
}
console.log(
  `\n${failed === 0 ? 'bench:check passed' : `bench:check FAILED on ${failed} path(s)`} in ${Math.round((Date.now() - started) / 1000)} s`,
)
process.exit(failed === 0 ? 0 : 1)
