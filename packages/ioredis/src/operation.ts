import { safely } from '@querycost/core/driver'
import { isTracked, ROLE, type Tracked } from './fields.js'
import { firstSend, guard } from './hooks.js'
import type { Send, Transaction } from './internal-types.js'
import type { TableMapper } from './key-prefix.js'
import { isRedirection, isSetup } from './setup.js'
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

/** Whether ioredis can send `command` at all: anything else passes through, for ioredis to reject. */
function isCommand(command: unknown): command is CommandLike {
  return command !== null && typeof command === 'object' && typeof (command as CommandLike).name === 'string'
}

/** Counts a command a client sends (once per Command object); `undefined` for ioredis's own set-up. */
function counted(client: RedisLike, open: Open, command: CommandLike, mapper: TableMapper): Tracked | undefined {
  if (isTracked(command)) {
    // The first send only: the offline queue and cluster redirections send it again.
    if (firstSend(command)) group(open, command, infoOf(command.name))
    return command
  }
  const info = infoOf(command.name)
  if (isSetup(client, info.lower)) return undefined
  const tracked = track(command, mapper, info)
  firstSend(tracked)
  group(open, tracked, info)
  return tracked
}

/**
 * Wraps a `Redis` or `Cluster` instance's `sendCommand`, the one place every command
 * passes (plain, pipelined, transactions, scripts, SCAN pages, blocking, pub/sub).
 * Each Command object is one operation; ioredis's own set-up commands are none.
 */
export function wrapSendCommand(original: Send, mapper: TableMapper): Send {
  const open: Open = { pipelined: undefined, direct: undefined }
  return function sendCommand(this: unknown, command: CommandLike, stream?: unknown, node?: unknown): unknown {
    if (!isCommand(command)) return original.apply(this, arguments as unknown as [CommandLike])
    const tracked = safely('ioredis sendCommand', counted, this as RedisLike, open, command, mapper)
    const result = original.call(this, command, stream, node)
    if (tracked !== undefined) safely('ioredis sendCommand', guard, tracked)
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
    if (!isCommand(command) || isRedirection(command.name)) return original.apply(this, arguments as unknown as [CommandLike])
    const tracked = safely('ioredis pipeline', trackQueued, command, mapper, this)
    const result = original.call(this, command)
    if (tracked !== undefined) safely('ioredis pipeline', guard, tracked)
    return result
  }
}
