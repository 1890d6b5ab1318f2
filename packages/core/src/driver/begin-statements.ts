import { performance } from 'node:perf_hooks'
import { microsPast, wholeSeconds } from '../accounting/micros.js'
import { activeContext, beginOperationAt, type Operation } from '../accounting/operation.js'
import type { OperationTarget } from '../accounting/target.js'
import type { CostContext } from '../context/cost-context.js'
import type { SqlDialect } from '../sql/types.js'
import { Loan } from './loan.js'
import type { PoolRelay } from './relay.js'
import { sqlTargets } from './sql-targets.js'

/** What a SQL driver package tells the kit about itself: its report system and its dialect. */
export interface SqlSystem {
  /** The report's system name: `pg`, `mysql`. */
  readonly system: string
  /** The lexer rules its statements follow. */
  readonly dialect: SqlDialect
}

/**
 * The operations of one call: one per statement. A single statement (the common case)
 * is not wrapped in an array, so it allocates nothing more than its operation.
 */
export type Ops = Operation | readonly Operation[]

/**
 * The operation targets of a SQL text, one per statement (never empty). The one place
 * the driver kit asks the SQL analysis, so a change of its cache plugs in here.
 */
export function statementTargets(sql: SqlSystem, text: string): readonly OperationTarget[] {
  return sqlTargets(text, sql.system, sql.dialect)
}

/**
 * Begins one operation per statement of `text` in `context` (the current one unless
 * the driver carried its caller's), at `now` (a clock read the driver just made, such
 * as the end of a pool wait, or a new one): a multi-statement text is several
 * operations, all starting then.
 *
 * @example
 * const ops = beginStatements(PG, 'SELECT 1; SELECT 2')   // two operations
 */
export function beginStatements(
  sql: SqlSystem,
  text: string,
  context: CostContext | undefined = activeContext(),
  now: number = performance.now(),
): Ops {
  const s = wholeSeconds(now)
  return beginStatementsAt(sql, text, context, s, microsPast(now, s))
}

/** {@link beginStatements} at `s` whole seconds and `us` µs into that second (micros.ts). */
function beginStatementsAt(sql: SqlSystem, text: string, context: CostContext | undefined, s: number, us: number): Ops {
  const targets = statementTargets(sql, text)
  const n = targets.length
  if (n === 1) return beginOperationAt(context, targets[0] as OperationTarget, s, us)
  const ops = new Array<Operation>(n)
  for (let i = 0; i < n; i++) ops[i] = beginOperationAt(context, targets[i] as OperationTarget, s, us)
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

/**
 * Begins the statements of `text` that a connection sends now. What its pool's own
 * callback sends (a `loan` from {@link PoolRelay.borrow}) begins in the context the
 * relay carried, from the end of its wait; anything else (no relay: a connection of
 * no pool) begins now, in the current context.
 *
 * @example
 * const loan = relay === undefined ? Loan.None : relay.borrow()
 * const ops = safely('pg query begin', beginSent, PG, relay, loan, text)
 */
export function beginSent(sql: SqlSystem, relay: PoolRelay | undefined, loan: number, text: string): Ops {
  if (relay === undefined || loan === Loan.None) {
    const now = performance.now()
    const s = wholeSeconds(now)
    return beginStatementsAt(sql, text, activeContext(), s, microsPast(now, s))
  }
  return beginStatementsAt(sql, text, relay.contextOf(loan), relay.atS, relay.atUs)
}
