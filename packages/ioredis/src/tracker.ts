import { beginOperation, type Operation, reportInternalError } from '@querycost/core/driver'
import type { TableMapper } from './key-prefix.js'
import { affectedOf, rowsOf } from './reply.js'
import { type CommandInfo, infoOf, targetOf } from './targets.js'
import type { CommandLike } from './types.js'

/** Marks a Command already counted (by any copy of this package): one operation per Command object. */
export const TRACKED = Symbol.for('querycost.ioredis.command')

/** The commands queued between one MULTI and its EXEC (or DISCARD). */
export interface Transaction {
  readonly members: Tracker[]
}

type Tracked = CommandLike & { [TRACKED]?: Tracker }

/**
 * One command's operation: begun in the caller's context when the command is created
 * (or queued in a pipeline), ended from the raw reply when ioredis resolves or
 * rejects the Command. A command queued in a transaction waits for its EXEC.
 */
export class Tracker {
  readonly op: Operation
  readonly info: CommandInfo
  readonly command: CommandLike
  /** Whether a client's `sendCommand` has seen it (the offline queue sends it again). */
  sent = false
  /** The transaction it was queued in: it ends with the EXEC reply, not its QUEUED. */
  member: Transaction | undefined = undefined
  /** The transaction this EXEC or DISCARD closes. */
  closes: Transaction | undefined = undefined
  onResolve: (value: unknown) => unknown = noop
  onReject: (error: unknown) => unknown = noop

  constructor(op: Operation, info: CommandInfo, command: CommandLike) {
    this.op = op
    this.info = info
    this.command = command
  }

  /** The command's reply arrived (a QUEUED for a transaction member). */
  ok(reply: unknown): void {
    if (this.member !== undefined) return
    if (this.closes !== undefined) {
      closeTransaction(this.closes, reply)
      this.op.end(0, 0)
      return
    }
    this.finish(reply)
  }

  /** Ends with `reply`, the command's own (or its element of an EXEC reply). */
  finish(reply: unknown): void {
    const info = this.info
    const args = this.command.args
    const rows = rowsOf(info.rows, args, reply)
    this.op.end(rows, affectedOf(info.affected, args, reply, rows))
  }

  failed(): void {
    if (this.closes !== undefined) closeTransaction(this.closes, null)
    this.op.fail()
  }
}

function noop(): void {}

function closeTransaction(tx: Transaction, reply: unknown): void {
  const members = tx.members
  const replies = Array.isArray(reply) ? reply : undefined
  for (let i = 0; i < members.length; i++) {
    const member = members[i] as Tracker
    member.member = undefined
    const value = replies?.[i]
    if (value instanceof Error) member.op.fail()
    else if (replies === undefined)
      member.op.end(0, 0) // DISCARD, aborted or failed EXEC: it never ran
    else member.finish(value)
  }
}

function hook(tracker: Tracker, command: CommandLike): void {
  const resolve = command.resolve
  const reject = command.reject
  tracker.onResolve = function (this: unknown, value: unknown) {
    try {
      tracker.ok(value)
    } catch (error) {
      reportInternalError('ioredis reply', error)
    }
    return resolve.call(this, value)
  }
  tracker.onReject = function (this: unknown, error: unknown) {
    try {
      tracker.failed()
    } catch (internal) {
      reportInternalError('ioredis reply', internal)
    }
    return reject.call(this, error)
  }
  command.resolve = tracker.onResolve
  command.reject = tracker.onReject
}

/**
 * Begins the operation of `command` in the current context, once per Command object.
 * A Command seen again (offline queue replay, cluster redirection) keeps its
 * operation; if ioredis re-armed its promise (a cluster pipeline retry), the reply
 * hooks are put back.
 */
export function track(command: CommandLike, mapper: TableMapper): Tracker {
  const known = (command as Tracked)[TRACKED]
  if (known !== undefined) {
    if (command.resolve !== known.onResolve) hook(known, command)
    return known
  }
  const info = infoOf(command.name)
  const tracker = new Tracker(beginOperation(targetOf(info, mapper, command)), info, command)
  ;(command as Tracked)[TRACKED] = tracker
  hook(tracker, command)
  return tracker
}

/** The tracker of an already counted command, if any. */
export function trackerOf(command: CommandLike): Tracker | undefined {
  return (command as Tracked)[TRACKED]
}
