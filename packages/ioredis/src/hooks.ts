import { reportInternalError, safely } from '@querycost/core/driver'
import { REJECT, RESOLVE, type Tracked } from './fields.js'
import { failed, replied } from './settle.js'

type Settle = (this: unknown, value: unknown) => unknown
type Marked = Settle & { [HOOK]?: true; [UNSENT]?: true }

/** Marks the functions any copy of this package puts on `command.resolve` / `command.reject`. */
const HOOK = Symbol.for('querycost.ioredis.hook')
/** Marks the `reject` of a command no client has sent yet (any copy's). */
const UNSENT = Symbol.for('querycost.ioredis.unsent')

/**
 * The command whose resolve or reject is running through a hook another library put
 * on top of ours (see {@link guard}); it tells the shared functions which command a
 * detached call is for.
 */
let settling: Tracked | undefined

/**
 * The command a shared hook runs for. ioredis calls `command.resolve(…)` and
 * `command.reject(…)` as methods everywhere (reply handler, offline and command queues,
 * cluster redirection, scripts, timeouts), so it is `this`; a hook another library
 * wrapped around ours may call it detached (OpenTelemetry's does), hence `settling`.
 */
function commandOf(self: unknown): Tracked | undefined {
  if (self !== null && typeof self === 'object' && (self as Partial<Tracked>)[RESOLVE] !== undefined) return self as Tracked
  return settling
}

function detached(): undefined {
  reportInternalError(
    'ioredis detached reply',
    new Error('@querycost/ioredis: a command resolve/reject hook was called detached from its command by code wrapped around it'),
  )
  return undefined
}

/** `command.resolve` of every counted command: ends its operation, then hands over to ioredis. */
function onResolve(this: unknown, value: unknown): unknown {
  const command = commandOf(this)
  if (command === undefined) return detached()
  safely('ioredis reply', replied, command, value)
  return command[RESOLVE].call(this, value)
}

function rejected(self: unknown, error: unknown): unknown {
  const command = commandOf(self)
  if (command === undefined) return detached()
  safely('ioredis reply', failed, command)
  return command[REJECT].call(self, error)
}

// Two `reject`s that differ only by identity: which one a command has says whether a
// client has sent it yet (its first send groups it into a transaction, later ones
// replay it), at no cost in memory.

/** `command.reject` of a counted command no client has sent yet. */
function onReject(this: unknown, error: unknown): unknown {
  return rejected(this, error)
}

/** `command.reject` of a counted command once a client sent it. */
function onRejectSent(this: unknown, error: unknown): unknown {
  return rejected(this, error)
}
;(onResolve as Marked)[HOOK] = true
;(onReject as Marked)[HOOK] = true
;(onReject as Marked)[UNSENT] = true
;(onRejectSent as Marked)[HOOK] = true

function ours(fn: Settle): boolean {
  return typeof fn === 'function' && (fn as Marked)[HOOK] === true
}

/** Puts the shared hooks on a new command, `resolve` and `reject` its own. */
export function hook(command: Tracked): void {
  command[RESOLVE] = command.resolve
  command[REJECT] = command.reject
  command.resolve = onResolve
  command.reject = onReject
}

/** Marks a counted command sent by a client; whether this is its first send. */
export function firstSend(command: Tracked): boolean {
  const reject = command.reject
  if (reject !== onReject && (reject as Marked)[UNSENT] !== true) return false
  command.reject = onRejectSent
  return true
}

/**
 * Re-hooks a command a pipeline queues again: ioredis re-armed its promise (a cluster
 * pipeline retry) after a client sent it.
 */
export function rearm(command: Tracked): void {
  if (!ours(command.resolve)) {
    command[RESOLVE] = command.resolve
    command.resolve = onResolve
  }
  if (!ours(command.reject)) {
    command[REJECT] = command.reject
    command.reject = onRejectSent
  }
}

function outer(command: Tracked, inner: Settle): Settle {
  const fn: Marked = function (this: unknown, value: unknown): unknown {
    const previous = settling
    settling = command
    try {
      return inner.call(this, value)
    } finally {
      settling = previous
    }
  }
  fn[HOOK] = true
  return fn
}

/**
 * After a send: if code inside it (an APM's `sendCommand` wrapper, a cluster's
 * redirection handler, a script's NOSCRIPT handler) put its own hook on top of ours,
 * wraps that hook so that, should it call ours detached, ours still knows its command.
 * Costs one closure per such command; plain ioredis never needs it for `resolve`.
 */
export function guard(command: Tracked): void {
  const resolve = command.resolve
  if (resolve !== onResolve && !ours(resolve)) command.resolve = outer(command, resolve)
  const reject = command.reject
  if (reject !== onRejectSent && reject !== onReject && !ours(reject)) command.reject = outer(command, reject)
}
