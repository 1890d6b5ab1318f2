import { Accumulator } from '../accounting/accumulator.js'
import type { OperationTarget } from '../accounting/target.js'
import { callHook } from '../driver/guard.js'
import { buildStatsReport } from '../report/report.js'
import type { StatsReport } from '../report/types.js'
import { callSite, callSiteListeners } from './call-site.js'
import { state } from './store.js'
import type { LostContextListener, LostContextOptions, LostOperation } from './types.js'

/**
 * Calls `listener` for every operation that starts outside a cost context (a query
 * made at start-up, or a callback that lost its request). With `{ callSite: true }` it
 * also gets where the operation started. Returns a function that removes the listener.
 * See docs/lost-context.md for the common causes and their fixes.
 *
 * @example
 * onLostContext(({ system, tables, callSite }) => log.warn({ system, tables, callSite }, 'query outside any request'), { callSite: true })
 */
export function onLostContext(listener: LostContextListener, options: LostContextOptions = {}): () => void {
  // Added again, a listener is a new entry: removing one leaves the other.
  const entry: LostContextListener = (operation) => listener(operation)
  state.lostListeners.add(entry)
  if (options.callSite === true) callSiteListeners().add(entry)
  return () => {
    state.lostListeners.delete(entry)
    callSiteListeners().delete(entry)
  }
}

/** Tells the listeners about one lost operation. */
export function notifyLost(target: OperationTarget): void {
  if (state.lostListeners.size === 0) return
  const lost: LostOperation = { system: target.system, operation: target.verb, tables: target.tables }
  const withSite = callSiteListeners()
  const site: LostOperation | undefined =
    withSite.size === 0
      ? undefined
      : { system: target.system, operation: target.verb, tables: target.tables, callSite: callSite(notifyLost) }
  for (const listener of state.lostListeners) {
    callHook('onLostContext listener', listener, site !== undefined && withSite.has(listener) ? site : lost)
  }
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
