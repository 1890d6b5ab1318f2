import type { RedisLike } from './types.js'

/** Set on a client from the moment it becomes ready until ioredis's ready handler returns. */
const READY_PHASE = Symbol('querycost.ioredis.readyPhase')

// Sent by ioredis while the connection is in the `connect` state, before `ready`:
// authentication, database selection, CLIENT SETNAME / SETINFO, the INFO ready check,
// READONLY, and the CLUSTER INFO ready check of a Cluster. Not operations.
const HANDSHAKE = new Set(['auth', 'hello', 'select', 'client', 'info', 'readonly', 'cluster'])
// Sent by ioredis's ready handler itself: restoring the database and subscriptions of
// a reconnected client, READONLY for the `readOnly` option. Not operations either.
const READY_REPLAY = new Set(['select', 'readonly', 'subscribe', 'psubscribe', 'ssubscribe'])

type Phased = RedisLike & { [READY_PHASE]?: boolean }

/**
 * Whether `name` is ASKING, which a Cluster sends before a command an ASK redirected
 * (on the node, or first in a pipeline it sends again): part of that command's
 * redirection, never an operation of its own.
 */
export function isRedirection(name: string): boolean {
  return name === 'asking'
}

/**
 * Whether `name` (lower case), sent through `client` now, is ioredis's own connection
 * set-up, or the ASKING of a redirection.
 */
export function isSetup(client: RedisLike, name: string): boolean {
  if (isRedirection(name)) return true
  const status = client.status
  if (status === 'ready') return (client as Phased)[READY_PHASE] === true && READY_REPLAY.has(name)
  return status === 'connect' && HANDSHAKE.has(name)
}

/**
 * Watches a client's status so that the commands ioredis's ready handler sends
 * synchronously after `setStatus('ready')` are told apart; the flag clears on the
 * next microtask, before any user code runs.
 */
export function watchReady(client: RedisLike): void {
  const setStatus = client.setStatus
  if (typeof setStatus !== 'function') return
  client.setStatus = function (this: Phased, status: string, arg?: unknown) {
    const result = setStatus.call(this, status, arg)
    if (status === 'ready') {
      this[READY_PHASE] = true
      queueMicrotask(() => {
        this[READY_PHASE] = false
      })
    }
    return result
  }
}
