import { performance } from 'node:perf_hooks'
import { NOT_OPERATIONS } from './commands.js'
import { activeContext, beginOperationIn, type Operation, reportInternalError } from './core.js'
import { endPoolWait } from './pool-wait.js'
import { readReply } from './result.js'
import { targetOf } from './targets.js'
import type { CommandDocument, ConnectionLike } from './types.js'

type Command = ConnectionLike['command']

const WRAPPED = Symbol.for('querycost.mongodb.connection')

function settle(operation: Operation, name: string, reply: unknown): void {
  try {
    const { rows, affected, failed } = readReply(name, reply)
    if (failed) operation.fail(rows)
    else operation.end(rows, affected)
  } catch (error) {
    operation.fail()
    reportInternalError('mongodb reply', error)
  }
}

/**
 * Counts every command sent on one pooled connection: its `command` (through which the
 * driver sends each operation's command, a cursor's `getMore` and `killCursors`
 * included) is wrapped on this connection object only. It runs in the async context of
 * the code that sent the command (the driver awaits its way from `find()` or
 * `cursor.next()` to here, through a busy pool's wait queue too), so that context is
 * the operation's. The driver's result or error passes through unchanged.
 */
export function wrapConnection(connection: ConnectionLike): void {
  const marked = connection as unknown as Record<symbol, unknown>
  if (marked[WRAPPED] === true) return
  Object.defineProperty(connection, WRAPPED, { value: true, enumerable: false })
  const original = connection.command
  connection.command = function command(this: ConnectionLike, ns, doc, options, responseType) {
    let operation: Operation
    let name: string
    try {
      name = firstKey(doc)
      if (NOT_OPERATIONS.has(name)) return original.call(this, ns, doc, options, responseType)
      const now = performance.now()
      const context = activeContext()
      if (context !== undefined) endPoolWait(context, now)
      operation = beginOperationIn(context, targetOf(name, doc), now)
    } catch (error) {
      reportInternalError('mongodb command', error)
      return original.call(this, ns, doc, options, responseType)
    }
    let sent: Promise<unknown>
    try {
      sent = original.call(this, ns, doc, options, responseType)
    } catch (error) {
      operation.fail()
      throw error
    }
    return sent.then(
      (reply) => {
        settle(operation, name, reply)
        return reply
      },
      (error: unknown) => {
        operation.fail()
        throw error
      },
    )
  } as Command
}

function firstKey(doc: CommandDocument): string {
  for (const key in doc) return key
  return ''
}
