// One in-process shape (profile/inproc.js) under Linux `perf`, for profile/perf.js and
// profile/perf-diff.js: V8's `--perf-prof` writes what it compiles, `perf inject --jit`
// joins it to the samples. perf samples a timer where the VM offers no hardware
// counters, and a load that misses the cache shows on the instruction after it.
import { execFile } from 'node:child_process'
import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)
const HZ = 10000
const here = new URL('../../src/inproc/workload.js', import.meta.url).pathname
const BIG = { maxBuffer: 512 * 1024 * 1024 }

/**
 * A JIT symbol's name, as {@link perfRecord} gives it, without its tier (`JS:*`,
 * `LazyCompile:~`, …) and with its path from `packages/`, `node_modules/` or `bench/` on,
 * so the code V8 compiled more than once, and the same code in two checkouts, add up
 * under one name.
 */
export function symbolName(raw) {
  return raw
    .replace(/^(JS|LazyCompile|Function):[*~^+]?'?/, '')
    .replace(/(file:\/\/)?\/\S*?\/(packages|node_modules|bench)\//g, '$2/')
    .trim()
}

/**
 * Records `ops` operations of `shape` in `dir` (emptied first), through `spec`: a variant
 * of inproc.js (`raw`, `querycost`, `otel`, `core`), or `variant@checkout` for the inproc.js of
 * another checkout, with its own build of every package. Returns the CPU per operation
 * inproc.js measured and one row per symbol: its share of the samples (%), its code's
 * origin (`jit` for what V8 compiled, else the library) and its name as perf gives it.
 */
export async function perfRecord(spec, shape, ops, dir) {
  const [variant, checkout] = spec.split('@')
  const workload = checkout === undefined ? here : join(checkout, 'bench/src/inproc/workload.js')
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  const opts = { ...BIG, cwd: dir }
  const recorded = await run(
    'perf',
    ['record', '-k', '1', '-F', String(HZ), '-o', 'raw.data', process.execPath, '--perf-prof', workload, shape, variant, String(ops)],
    opts,
  )
  await run('perf', ['inject', '--jit', '-i', 'raw.data', '-o', 'jit.data'], opts)
  const { stdout } = await run('perf', ['report', '-i', 'jit.data', '--no-children', '--sort', 'dso,symbol', '--stdio'], opts)
  const cpu = Number(/([\d.]+) µs CPU\/op/.exec(recorded.stdout)?.[1])
  // perf pads each line to thousands of columns: trimmed first, or the match backtracks for minutes.
  const rows = stdout
    .split('\n')
    .map((line) => /^\s+([\d.]+)%\s+(\S+)\s+\[.\]\s+(.+)$/.exec(line.trimEnd()))
    .filter((m) => m !== null)
    .map((m) => ({
      share: Number(m[1]),
      origin: /^jitted-|^perf-\d+\.map$/.test(m[2]) ? 'jit' : m[2],
      name: m[3].replace(/(\s+-)+$/, ''),
    }))
  return { cpu, rows, hz: HZ }
}

/** The hottest instructions of the symbol named `name` in the last recording in `dir`. */
export async function perfAnnotate(dir, name) {
  const { stdout } = await run('perf', ['annotate', '-i', 'jit.data', '--stdio', '-s', name], { ...BIG, cwd: dir })
  return [...stdout.matchAll(/^\s+([\d.]+) :\s+([0-9a-f]+):\s+(.+)$/gm)].map((m) => ({ share: Number(m[1]), at: m[2], code: m[3].trim() }))
}
