import { performance } from 'node:perf_hooks'
import { NOT_OPERATIONS } from './commands.js'
import { activeContext, beginOperationIn, reportInternalError } from './core.js'
import type { InFlight } from './internal-types.js'
import { endPoolWait } from './pool-wait.js'
import { readReply } from './reply.js'
import { targetOf } from './targets.js'
import type { CommandFailedEventLike, CommandStartedEventLike, CommandSucceededEventLike } from './types.js'

/**
 * Turns one client's command monitoring events into operations. `commandStarted` runs
 * synchronously in the async context of the code that sent the command (the driver
 * awaits its way from the caller's `find()` or `cursor.next()` down to the socket, a
 * busy pool's wait included), so that context is the operation's; the reply or
 * failure ends it. Never throws into the driver.
 */
export class CommandTracker {
  private readonly inFlight: InFlight = new Map()

  started(event: CommandStartedEventLike): void {
    try {
      const name = event.commandName
      if (NOT_OPERATIONS.has(name)) return
      const now = performance.now()
      const context = activeContext()
      if (context !== undefined) endPoolWait(context, now)
      this.inFlight.set(event.requestId, beginOperationIn(context, targetOf(name, event.command), now))
    } catch (error) {
      reportInternalError('mongodb commandStarted', error)
    }
  }

  succeeded(event: CommandSucceededEventLike): void {
    const operation = this.inFlight.get(event.requestId)
    if (operation === undefined) return
    this.inFlight.delete(event.requestId)
    try {
      const { rows, affected, failed } = readReply(event.commandName, event.reply)
      if (failed) operation.fail(rows)
      else operation.end(rows, affected)
    } catch (error) {
      operation.fail()
      reportInternalError('mongodb commandSucceeded', error)
    }
  }

  failed(event: CommandFailedEventLike): void {
    const operation = this.inFlight.get(event.requestId)
    if (operation === undefined) return
    this.inFlight.delete(event.requestId)
    operation.fail()
  }
}
