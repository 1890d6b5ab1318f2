import { makeTarget, type OperationTarget } from '../accounting/target.js'
import type { CostContext } from '../context/cost-context.js'

/** The table a failed connection checkout or connect counts under: `pg:(connection)`. */
export const CONNECTION_TABLE = '(connection)'

const targets = new Map<string, OperationTarget>()

/** The target of `system`'s connection failures (operation `CONNECT`, table `(connection)`). */
export function connectionTarget(system: string): OperationTarget {
  let target = targets.get(system)
  if (target === undefined) {
    target = makeTarget(system, 'CONNECT', [CONNECTION_TABLE])
    targets.set(system, target)
  }
  return target
}

/**
 * A connection checkout or connect failed and the caller sees the error: one error in
 * `context`'s report, in `system` and the total, under table `(connection)`. It is no
 * operation the server ran, so `count` does not change. Outside any context nothing is
 * recorded (no request saw it).
 *
 * @example
 * if (error) failConnection(context, 'pg')
 */
export function failConnection(context: CostContext | undefined, system: string): void {
  if (context !== undefined) context.recordFailure(connectionTarget(system))
}
