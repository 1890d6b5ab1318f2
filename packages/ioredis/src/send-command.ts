import { reportInternalError } from '@querycost/core/driver'
import type { TableMapper } from './key-prefix.js'
import { isSetup } from './setup.js'
import { infoOf } from './targets.js'
import { type Tracker, type Transaction, track, trackerOf } from './tracker.js'
import type { CommandLike, RedisLike } from './types.js'

type Send = (this: unknown, command: CommandLike, stream?: unknown, node?: unknown) => unknown

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
function group(open: Open, tracker: Tracker, command: CommandLike): void {
  const name = tracker.info.lower
  if (name === 'multi') {
    if (command.inTransaction === true) open.pipelined = { members: [] }
    else open.direct = { members: [] }
    return
  }
  if (name === 'exec' || name === 'discard') {
    if (open.pipelined !== undefined && command.inTransaction !== true) {
      tracker.closes = open.pipelined
      open.pipelined = undefined
    } else if (open.direct !== undefined) {
      tracker.closes = open.direct
      open.direct = undefined
    }
    return
  }
  const tx = command.inTransaction === true ? open.pipelined : open.direct
  if (tx !== undefined) {
    tracker.member = tx
    tx.members.push(tracker)
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
    try {
      let tracker = trackerOf(command)
      if (tracker === undefined && isSetup(this as RedisLike, infoOf(command.name).lower)) {
        return original.call(this, command, stream, node)
      }
      tracker = track(command, mapper)
      if (!tracker.sent) {
        tracker.sent = true
        group(open, tracker, command)
      }
    } catch (error) {
      reportInternalError('ioredis sendCommand', error)
    }
    return original.call(this, command, stream, node)
  }
}

/**
 * Wraps a Pipeline's `sendCommand` (a pipeline, a `multi()`, an auto-pipeline batch) so
 * each command's operation begins when the caller queues it, in the caller's context:
 * an auto-pipeline is sent later, from whichever request scheduled the batch.
 */
export function wrapPipelineSend(original: Send, mapper: TableMapper): Send {
  return function sendCommand(this: unknown, command: CommandLike): unknown {
    try {
      track(command, mapper)
    } catch (error) {
      reportInternalError('ioredis pipeline', error)
    }
    return original.call(this, command)
  }
}
