import { performance } from 'node:perf_hooks'
import {
  activeContext,
  beginOperationIn,
  type CostContext,
  makeTarget,
  type Operation,
  sqlTargets,
  UNKNOWN_TABLE,
} from '@querycost/core/driver'

const UNKNOWN = makeTarget('mysql', 'UNKNOWN', [UNKNOWN_TABLE])

/** The operations of one call: one per statement; a single statement (the common case) is not wrapped in an array. */
export type Ops = Operation | readonly Operation[]

/**
 * Begins one operation per statement of `text` in `context` (the current one unless
 * the driver carried its caller's), at `now` (a clock read just made, or a new one; a
 * multi-statement text is several operations, all starting then). Text
 * with no statement at all still begins one, on `(unknown)`: the server answers it
 * with an error that must count.
 */
export function beginStatements(text: string, context: CostContext | undefined = activeContext(), now = performance.now()): Ops {
  const targets = sqlTargets(text, 'mysql', 'mysql')
  const n = targets.length
  if (n === 1) return beginOperationIn(context, targets[0] as never, now)
  if (n === 0) return beginOperationIn(context, UNKNOWN, now)
  const ops = new Array<Operation>(n)
  for (let i = 0; i < n; i++) ops[i] = beginOperationIn(context, targets[i] as never, now)
  return ops
}

/** How many operations `ops` holds. */
export function countOf(ops: Ops): number {
  return Array.isArray(ops) ? ops.length : 1
}

/** The operation of statement `i` (0 for a single one). */
export function opAt(ops: Ops, i: number): Operation {
  return (Array.isArray(ops) ? ops[i] : ops) as Operation
}
