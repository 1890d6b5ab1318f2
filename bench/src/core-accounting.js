import { beginOperation, makeTarget } from '@querycost/core/driver'

/**
 * The core variant's `op` for one worker (call the result once per worker): each
 * operation begun through core as it is sent, the worker's previous one ended first.
 * The bench's core variant (`variants.js`) and `src/inproc/workload.js core` both run it; this
 * module loads nothing else (no OpenTelemetry), so inproc.js's raw process stays as it was.
 */
export function coreAccounting(op, driver) {
  const target = makeTarget(driver, 'SELECT', ['qc_bench_users'])
  return () => {
    let last
    return (c, i) => {
      last?.end(1, 0)
      last = beginOperation(target)
      return op(c, i)
    }
  }
}
