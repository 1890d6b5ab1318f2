import { createHook } from 'node:async_hooks'
import { performance } from 'node:perf_hooks'
import type { CostContext } from '../context/cost-context.js'
import { state } from '../context/store.js'
import { LoopTracker } from './tracker.js'
import type { EventLoopOptions, SyncFields } from './types.js'

/** Node's `als.run`, kept while the tracker's wrapper stands in for it. */
type Run = AsyncLocalStorage['run']
type AsyncLocalStorage = typeof state.als

/**
 * Installs (or, with `false`/`undefined`, removes) event-loop attribution. Off, no
 * hook is installed and `als.run` is Node's own.
 */
export function applyEventLoop(option: boolean | EventLoopOptions | undefined): void {
  const longSyncMs = typeof option === 'object' ? (option.longSyncMs ?? 10) : 10
  if (!(typeof longSyncMs === 'number' && longSyncMs >= 0)) {
    throw new TypeError(`querycost: configure({ eventLoop: { longSyncMs } }) must be a number of milliseconds, got ${String(longSyncMs)}`)
  }
  const on = option !== undefined && option !== false
  // Kept in the process-wide state: a second copy of core must not install a second hook.
  if (state.loop !== undefined && (!on || state.loop.longSyncMs !== longSyncMs)) uninstall()
  if (on && state.loop === undefined) install(longSyncMs)
}

function install(longSyncMs: number): void {
  const als = state.als
  const tracker = new LoopTracker(als, longSyncMs)
  const hook = createHook({
    before: (asyncId) => tracker.before(asyncId),
    after: (asyncId) => tracker.close(asyncId),
  })
  const run: Run = Object.getPrototypeOf(als).run
  // An own property on querycost's one AsyncLocalStorage (never Node's prototype), so
  // that entering a context mid-callback (a middleware's `als.run`) is a switch too.
  Object.defineProperty(als, 'run', {
    configurable: true,
    writable: true,
    value: function runTracked<R>(store: CostContext, fn: (...args: unknown[]) => R, ...args: unknown[]): R {
      tracker.open(-1, store)
      try {
        return run.call(als, store, fn, ...args) as R
      } finally {
        tracker.close(-1)
      }
    },
  })
  hook.enable()
  state.loop = tracker
  state.loopHook = hook
}

function uninstall(): void {
  state.loopHook?.disable()
  delete (state.als as { run?: unknown }).run
  state.loop = undefined
  state.loopHook = undefined
}

/** Whether event-loop attribution is on (hooks installed). */
export function eventLoopEnabled(): boolean {
  return state.loop !== undefined
}

/**
 * What ran on the loop with no cost context since attribution was turned on (start-up
 * code, timers and driver traffic of no request), or `undefined` when it is off.
 *
 * @example
 * configure({ eventLoop: true })
 * setInterval(() => log.info(unattributedSync()), 60_000)
 */
export function unattributedSync(): SyncFields | undefined {
  return state.loop?.unattributedFields(performance.now())
}
