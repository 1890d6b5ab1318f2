import { type AsyncHook, AsyncLocalStorage } from 'node:async_hooks'
import { Accumulator } from '../accounting/accumulator.js'
import type { LoopTracker } from '../event-loop/tracker.js'
import { DEFAULT_CONFIG } from './config.js'
import type { CostContext } from './cost-context.js'
import type { CostConfig, LostContextListener } from './types.js'

/** Everything one process must hold exactly once, even with two copies of core installed. */
export interface QuerycostState {
  readonly als: AsyncLocalStorage<CostContext>
  config: Readonly<CostConfig>
  /** Operations that started outside any cost context. */
  lost: Accumulator
  readonly lostListeners: Set<LostContextListener>
  /** The lost-context listeners that asked for call sites (absent in a state made by an older copy). */
  lostCallSiteListeners?: Set<LostContextListener>
  /** Where internal errors were already reported, so each is reported once. */
  readonly reportedErrors: Set<string>
  /** Test switch: when false, driver callbacks are not rebound to their caller's context. */
  bindCallbacks: boolean
  /** Event-loop attribution, when `configure({ eventLoop })` turned it on. */
  loop?: LoopTracker
  loopHook?: AsyncHook
}

const KEY = Symbol.for('querycost.state.v1')
const holder = globalThis as unknown as Record<symbol, QuerycostState | undefined>

function createState(): QuerycostState {
  return {
    als: new AsyncLocalStorage<CostContext>(),
    config: DEFAULT_CONFIG,
    lost: new Accumulator(DEFAULT_CONFIG),
    lostListeners: new Set(),
    lostCallSiteListeners: new Set(),
    reportedErrors: new Set(),
    bindCallbacks: true,
  }
}

holder[KEY] ??= createState()

/** The one state of this process. */
export const state: QuerycostState = holder[KEY] as QuerycostState
