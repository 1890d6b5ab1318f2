import { Accumulator } from '../accounting/accumulator.js'
import type { OperationTarget } from '../accounting/target.js'
import { callHook } from '../driver/guard.js'
import { buildStatsReport, type StatsReport } from '../report/report.js'
import { state } from './store.js'

/** What a lost-context listener is told about one operation that started with no cost context. */
export interface LostOperation {
  readonly system: string
  readonly operation: string
  readonly tables: readonly string[]
}

/** Receives each operation that started outside any cost context. */
export type LostContextListener = (operation: LostOperation) => void

/**
 * Calls `listener` for every operation that starts outside a cost context (a query
 * made at start-up, or a callback that lost its request). Returns a function that
 * removes the listener.
 *
 * @example
 * onLostContext(({ system, tables }) => log.warn({ system, tables }, 'query outside any request'))
 */
export function onLostContext(listener: LostContextListener): () => void {
  state.lostListeners.add(listener)
  return () => {
    state.lostListeners.delete(listener)
  }
}

/** Tells the listeners about one lost operation. */
export function notifyLost(target: OperationTarget): void {
  if (state.lostListeners.size === 0) return
  const lost: LostOperation = { system: target.system, operation: target.verb, tables: target.tables }
  for (const listener of state.lostListeners) callHook('onLostContext listener', listener, lost)
}

/**
 * The figures of every operation that started outside a cost context since start-up
 * (or the last {@link resetLostContext}), per system and table.
 */
export function lostContextStats(): StatsReport {
  return buildStatsReport(state.lost)
}

/** Forgets the lost-context figures; tests call it between cases. */
export function resetLostContext(): void {
  state.lost = new Accumulator(state.config)
}
