import { OP, PIPELINE, ROLE, type Tracked } from './fields.js'
import type { Transaction } from './internal-types.js'
import { affectedOf, rowsOf } from './result.js'
import { infoOf } from './targets.js'

/** Ends a command's operation with `reply`, its own (or its element of an EXEC reply). */
function finish(command: Tracked, reply: unknown): void {
  // Its name's rules (a script's name may have turned from EVAL to EVALSHA: same rules).
  const info = infoOf(command.name)
  const args = command.args
  const rows = rowsOf(info.rows, args, reply)
  command[OP].end(rows, affectedOf(info.affected, args, reply, rows))
}

function closeTransaction(tx: Transaction, reply: unknown): void {
  const members = tx.members
  const replies = Array.isArray(reply) ? reply : undefined
  for (let i = 0; i < members.length; i++) {
    const member = members[i] as Tracked
    member[ROLE] = null
    const value = replies?.[i]
    if (value instanceof Error) member[OP].fail()
    else if (replies === undefined)
      member[OP].end(0, 0) // DISCARD, aborted or failed EXEC: it never ran
    else finish(member, value)
  }
}

/**
 * The command's reply arrived. A command queued in a transaction got its QUEUED: it
 * ends with the EXEC reply; an EXEC or DISCARD ends the commands it closes, then itself.
 */
export function replied(command: Tracked, reply: unknown): void {
  const role = command[ROLE]
  if (role === null || role === undefined) {
    finish(command, reply)
  } else if (role.closes) {
    closeTransaction(role.tx, reply)
    command[OP].end(0, 0)
  }
}

/**
 * The command failed; an EXEC or DISCARD that fails ends the commands it closes as never
 * run. A Cluster pipeline's command outside a transaction ends when its pipeline is done
 * instead: if every command failed alike with a redirection, ioredis sends them again,
 * and the command ends with the reply of that send (one operation, its rows); else it
 * fails then. The pipeline's promise never rejects once its commands were sent.
 */
export function failed(command: Tracked): void {
  const role = command[ROLE]
  const pipeline = command[PIPELINE]
  if (pipeline !== undefined && role == null && command.inTransaction !== true) {
    const op = command[OP]
    const fail = (): void => op.fail()
    pipeline.promise.then(fail, fail)
    return
  }
  if (role?.closes === true) closeTransaction(role.tx, null)
  command[OP].fail()
}
