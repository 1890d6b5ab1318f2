import { Accumulator } from '../accounting/accumulator.js'
import { applyEventLoop } from '../event-loop/enable.js'
import { DEFAULT_CONFIG } from './config.js'
import { state } from './store.js'
import type { CostConfig } from './types.js'

/**
 * Sets process-wide options, merged over the defaults; returns the options now in
 * force. Contexts started earlier keep the options they started with.
 *
 * @example
 * configure({ repeatThreshold: 5, routeLimits: { 'GET /feed': { maxCount: 50 } }, onReport: jsonLinesSink('cost.jsonl') })
 */
export function configure(options: Partial<CostConfig> = {}): Readonly<CostConfig> {
  for (const key of ['repeatThreshold', 'maxTables', 'maxOperationsPerTable', 'maxShapes', 'maxRepeatedListed'] as const) {
    const value = options[key]
    if (value !== undefined && !(Number.isInteger(value) && value >= 1)) {
      throw new TypeError(`querycost: configure({ ${key} }) must be a whole number of at least 1, got ${String(value)}`)
    }
  }
  const defined = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined))
  applyEventLoop(options.eventLoop ?? state.config.eventLoop)
  state.config = Object.freeze({ ...state.config, ...defined })
  state.lost = new Accumulator(state.config)
  return state.config
}

/** Puts every option back to its default; tests call it between cases. */
export function resetConfig(): Readonly<CostConfig> {
  state.config = DEFAULT_CONFIG
  applyEventLoop(false)
  return state.config
}
