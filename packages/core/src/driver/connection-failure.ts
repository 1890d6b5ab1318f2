import { activeContext } from '../accounting/operation.js'
import { makeTarget, type OperationTarget } from '../accounting/target.js'
import type { CostContext } from '../context/cost-context.js'
import type { Method } from './method.js'

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

/** The connect callback the caller gave, counting a failure in `context` first. */
function counting(context: CostContext, system: string, callback: Method): Method {
  return function (this: unknown, error: unknown) {
    if (error) failConnection(context, system)
    return callback.apply(this, arguments as unknown as unknown[])
  }
}

/**
 * Wraps a standalone connection's `connect` (pg's `client.connect`, mysql2's
 * `connection.connect`): a connect that fails in the caller's face, through the callback
 * the caller gave or the promise the driver returned, counts once as an error under
 * `system`'s `(connection)`. The driver gets a callback only when the caller gave one,
 * and its return value as it is.
 *
 * @example
 * client.connect = countingConnect('pg', client.connect)
 */
export function countingConnect(system: string, original: Method): Method {
  return function connect(this: unknown, callback?: unknown): unknown {
    const context = activeContext()
    if (context === undefined) return original.apply(this, arguments as unknown as unknown[])
    if (typeof callback === 'function') {
      const args = Array.prototype.slice.call(arguments) as unknown[]
      args[0] = counting(context, system, callback as Method)
      return original.apply(this, args)
    }
    const result = original.apply(this, arguments as unknown as unknown[])
    if (result === null || typeof (result as PromiseLike<unknown> | undefined)?.then !== 'function') return result
    return (result as Promise<unknown>).then(undefined, (error: unknown) => {
      failConnection(context, system)
      throw error
    })
  }
}
