import { execFile } from 'node:child_process'
import { promisify } from 'node:util'

const run = promisify(execFile)
const WORKLOAD = new URL('./inproc/workload.js', import.meta.url).pathname

/**
 * Runs one in-process shape (`src/inproc/workload.js`) under valgrind with `toolArgs`, and
 * returns what valgrind printed. Node runs with `--predictable` (no concurrent compiler or
 * GC threads, fixed seeds), `--expose-gc` (the workload's collections before and after its
 * measured run) and an old generation large enough that no major GC starts on its own (V8
 * sizes the heap from measured GC speed, which valgrind distorts); `warmup` operations run
 * unmeasured first. `nodeArgs` go before the workload (`--perf-basic-prof`).
 *
 * @example
 * const stderr = await underValgrind(['--tool=cachegrind', '--cache-sim=no'], 'ioredis', 'raw', 20000, 80000)
 */
export async function underValgrind(toolArgs, shape, variant, n, warmup, nodeArgs = []) {
  const args = [
    ...toolArgs,
    process.execPath,
    '--predictable',
    '--expose-gc',
    '--initial-old-space-size=1024',
    ...nodeArgs,
    WORKLOAD,
    shape,
    variant,
    String(n),
  ]
  const env = { ...process.env, PROFILE_WARMUP: String(warmup) }
  const { stderr } = await run('valgrind', args, { maxBuffer: 64 * 1024 * 1024, env })
  return stderr
}
