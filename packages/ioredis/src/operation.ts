import { reportInternalError } from '@querycost/core/driver'
import { isTracked, ROLE, type Tracked } from './fields.js'
import { firstSend, guard } from './hooks.js'
import type { Send, Transaction } from './internal-types.js'
import type { TableMapper } from './key-prefix.js'
import { isSetup } from './setup.js'
import { type CommandInfo, infoOf, Verb } from './targets.js'
import { track, trackQueued } from './tracker.js'
import type { CommandLike, RedisLike } from './types.js'

/** The transactions open on one client: a `multi()` pipeline being sent, a direct MULTI. */
interface Open {
  pipelined: Transaction | undefined
  direct: Transaction | undefined
}

/**
 * Groups commands into the transaction they were sent in, in send order: a `multi()`
 * pipeline marks its commands `inTransaction` and sends them in one synchronous loop;
 * after a direct MULTI (`multi({ pipeline: false })`) every command on the client is
 * queued by the server until EXEC or DISCARD.
 */
function group(open: Open, command: Tracked, info: CommandInfo): void {
  const verb = info.kind
  if (verb === Verb.Multi) {
    if (command.inTransaction === true) open.pipelined = { members: [] }
    else open.direct = { members: [] }
    return
  }
  if (verb === Verb.Close) {
    if (open.pipelined !== undefined && command.inTransaction !== true) {
      command[ROLE] = { tx: open.pipelined, closes: true }
      open.pipelined = undefined
    } else if (open.direct !== undefined) {
      command[ROLE] = { tx: open.direct, closes: true }
      open.direct = undefined
    }
    return
  }
  const tx = command.inTransaction === true ? open.pipelined : open.direct
  if (tx !== undefined) {
    command[ROLE] = { tx, closes: false }
    tx.members.push(command)
  }
}

function guardSafely(command: Tracked, where: string): void {
  try {
    guard(command)
  } catch (error) {
    reportInternalError(where, error)
  }
}

/**
 * Wraps a `Redis` or `Cluster` instance's `sendCommand`, the one place every command
 * passes (plain, pipelined, transactions, scripts, SCAN pages, blocking, pub/sub).
 * Each Command object is one operation; ioredis's own set-up commands are none.
 */
export function wrapSendCommand(original: Send, mapper: TableMapper): Send {
  const open: Open = { pipelined: undefined, direct: undefined }
  return function sendCommand(this: unknown, command: CommandLike, stream?: unknown, node?: unknown): unknown {
    let tracked: Tracked | undefined
    try {
      if (isTracked(command)) {
        tracked = command
        // The first send only: the offline queue and cluster redirections send it again.
        if (firstSend(tracked)) group(open, tracked, infoOf(command.name))
      } else {
        const info = infoOf(command.name)
        if (isSetup(this as RedisLike, info.lower)) return original.call(this, command, stream, node)
        tracked = track(command, mapper, info)
        firstSend(tracked)
        group(open, tracked, info)
      }
    } catch (error) {
      reportInternalError('ioredis sendCommand', error)
    }
    const result = original.call(this, command, stream, node)
    if (tracked !== undefined) guardSafely(tracked, 'ioredis sendCommand')
    return result
  }
}

/**
 * Wraps a Pipeline's `sendCommand` (a pipeline, a `multi()`, an auto-pipeline batch) so
 * each command's operation begins when the caller queues it, in the caller's context:
 * an auto-pipeline is sent later, from whichever request scheduled the batch.
 */
export function wrapPipelineSend(original: Send, mapper: TableMapper): Send {
  return function sendCommand(this: unknown, command: CommandLike): unknown {
    let tracked: Tracked | undefined
    try {
      tracked = trackQueued(command, mapper)
    } catch (error) {
      reportInternalError('ioredis pipeline', error)
    }
    const result = original.call(this, command)
    if (tracked !== undefined) guardSafely(tracked, 'ioredis pipeline')
    return result
  }
}
