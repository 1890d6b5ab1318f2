import { performance } from 'node:perf_hooks'
import type { CommandTracker } from './command-tracker.js'
import type { MonitoringState } from './internal-types.js'
import { beginPoolWait, failPoolWait } from './pool-wait.js'
import type { CommandFailedEventLike, CommandStartedEventLike, CommandSucceededEventLike, MongoClientLike } from './types.js'

const COMMAND_EVENTS: ReadonlySet<string | symbol> = new Set(['commandStarted', 'commandSucceeded', 'commandFailed'])

/**
 * Switches the driver's command monitoring on for `client` and reads its events at
 * the client's `emit`, before any listener. The user's own setting is kept: with
 * monitoring off (the default) their `commandStarted` listeners still hear nothing and
 * `client.monitorCommands` still reads `false`; with it on they see every event
 * unchanged.
 */
export function hookMonitoring(client: MongoClientLike, tracker: CommandTracker): void {
  const state: MonitoringState = { userMonitoring: client.options.monitorCommands === true }
  client.options.monitorCommands = true
  Object.defineProperty(client, 'monitorCommands', {
    configurable: true,
    enumerable: false,
    get: () => state.userMonitoring,
    set: (value: boolean) => {
      state.userMonitoring = value === true
    },
  })
  const emit = client.emit
  client.emit = function (this: MongoClientLike, event: string | symbol, ...args: unknown[]): boolean {
    if (COMMAND_EVENTS.has(event)) {
      if (event === 'commandStarted') tracker.started(args[0] as CommandStartedEventLike)
      else if (event === 'commandSucceeded') tracker.succeeded(args[0] as CommandSucceededEventLike)
      else tracker.failed(args[0] as CommandFailedEventLike)
      if (!state.userMonitoring) return false
    } else if (event === 'connectionCheckOutStarted') {
      beginPoolWait(performance.now())
    } else if (event === 'connectionCheckOutFailed') {
      failPoolWait(performance.now())
    }
    return Reflect.apply(emit, this, [event, ...args]) as boolean
  }
}
