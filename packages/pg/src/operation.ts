import {
  beginSent,
  bindCallback,
  Loan,
  type Method,
  type Ops,
  type PoolRelay,
  type SqlSystem,
  safely,
  settleStatements,
} from '@querycost/core/driver'
import type { PgCallback, PgClientQueues, PgQueryLike, PgSubmittableLike } from './internal-types.js'
import { PG_RESULT } from './result.js'
import { querySubmittable } from './submittable.js'

/** What the driver kit knows of pg: its report system and SQL dialect. */
export const PG: SqlSystem = Object.freeze({ system: 'pg', dialect: 'pg' })

/** Ends the statements of one call with pg's result: a multi-statement text gives an array of results. */
function settle(ops: Ops, error: unknown, result: unknown): void {
  settleStatements(ops, error, result, Array.isArray(result), PG_RESULT)
}

function textOf(config: unknown): string | undefined {
  if (typeof config === 'string') return config
  const text = (config as { text?: unknown }).text
  return typeof text === 'string' ? text : undefined
}

/**
 * The callback pg calls: settles `ops`, then hands over to `then`. Made here, so that its
 * closure holds these two and nothing of the call that made it.
 */
function settling(ops: Ops, then: PgCallback): PgCallback {
  return (error, result) => {
    safely('pg query settle', settle, ops, error, result)
    return then(error, result)
  }
}

/** The promise pg returned, followed: the caller gets pg's result or error, after `ops` settle. */
function following(ops: Ops, promise: unknown): unknown {
  if (promise === null || typeof (promise as PromiseLike<unknown>)?.then !== 'function') return promise
  return (promise as Promise<unknown>).then(
    (result) => {
      safely('pg query settle', settle, ops, undefined, result)
      return result
    },
    (error) => {
      safely('pg query settle', settle, ops, error, undefined)
      throw error
    },
  )
}

/**
 * Wraps a pg `query` method (a `Client`'s; `relay` is its pool's, when it has one):
 * every form (text, config object, values, callback, promise, Submittable) begins one
 * operation per statement and ends it exactly once. pg gets the caller's arguments: a
 * callback only where the caller gave one (bound to the caller's context; pg up to
 * 8.23.0 writes a callback onto the caller's config object), and a callback that is not
 * a function as it is, so pg throws its own TypeError.
 */
export function wrapQuery(original: Method, relay: PoolRelay | undefined): Method {
  return function query(this: unknown, config: unknown, values?: unknown, callback?: unknown): unknown {
    const loan = relay === undefined ? Loan.None : relay.borrow()
    if (config === null || (typeof config !== 'string' && typeof config !== 'object')) {
      return original.apply(this, arguments as unknown as unknown[]) // pg throws its own error
    }
    if (typeof (config as PgSubmittableLike).submit === 'function') {
      return querySubmittable(original, this, config as PgSubmittableLike, values, callback)
    }
    const text = textOf(config)
    // No text, or a callback pg will reject: pg's own behaviour, nothing sent.
    if (text === undefined || (callback && typeof callback !== 'function')) return original.apply(this, arguments as unknown as unknown[])
    const ops = safely('pg query begin', beginSent, PG, relay, loan, text)
    if (ops === undefined) return original.apply(this, arguments as unknown as unknown[])
    try {
      return send(original, this, arguments, ops, loan !== Loan.None, config, values, callback)
    } catch (error) {
      // pg threw before sending: the statements fail, the error reaches the caller as is.
      safely('pg query settle', settle, ops, error, undefined)
      throw error
    }
  }
}

/** Sends one call to pg with the caller's arguments, each branch making one closure (the callback pg calls). */
function send(
  original: Method,
  self: unknown,
  args: IArguments,
  ops: Ops,
  lent: boolean,
  config: unknown,
  values: unknown,
  callback: unknown,
): unknown {
  // A pool's own callback (lent) already runs where its caller's does: not bound again.
  if (typeof values === 'function') {
    const then = lent ? (values as PgCallback) : bindCallback(values as PgCallback)
    return original.call(self, config, settling(ops, then))
  }
  if (typeof callback === 'function') {
    const then = lent ? (callback as PgCallback) : bindCallback(callback as PgCallback)
    return original.call(self, config, values, settling(ops, then))
  }
  const configCallback = typeof config === 'object' ? (config as { callback?: unknown }).callback : undefined
  if (typeof configCallback === 'function') {
    const copy = { ...(config as object), callback: settling(ops, bindCallback(configCallback as PgCallback)) }
    return args.length > 1 ? original.call(self, copy, values) : original.call(self, copy)
  }
  return promised(original, self, args, ops, config)
}

/**
 * The promise form (no callback anywhere): pg gets the caller's arguments as they are and
 * makes its `Query`, whose `callback` settles the promise it returns. That `Query`'s
 * callback is replaced by one that settles `ops` first and then calls pg's, and the caller
 * gets pg's own promise: no second promise (following it with `.then` cost about 850
 * instructions per query on Node 20 in bench's pg-pipeline shape, querycost's added 6,015
 * then 5,162; Node 24 the same within noise), and an unhandled rejection is pg's own. Only where the `Query` is told for certain
 * (`madeQuery`); anywhere else the promise is followed, as before.
 */
function promised(original: Method, self: unknown, args: IArguments, ops: Ops, config: unknown): unknown {
  const client = self as PgClientQueues
  const queue = safely('pg query queue', queueOf, client, config)
  if (queue === undefined) return following(ops, original.apply(self, args as unknown as unknown[]))
  const queued = queue.length
  const active = client._activeQuery // a plain field of pg's, as `_queryQueue` is
  const sent = safely('pg query queue', sentBefore, client, active) ?? UNTOLD
  const promise = original.apply(self, args as unknown as unknown[])
  // Guarded: nothing of querycost's may come between the caller and pg's promise.
  const query = safely('pg query queue', madeQuery, client, queue, queued, active, sent)
  if (query === undefined) return following(ops, promise)
  query.callback = settling(ops, query.callback as PgCallback)
  return promise
}

/**
 * The client's queue of waiting queries, where what `query()` does with a new one can be
 * read: pg 8.17 and later (`_queryQueue`, `_activeQuery`; never the deprecated
 * `queryQueue`/`activeQuery` getters, which warn), without a read timeout (pg's timer
 * calls the callback it captured, not the `Query`'s, and then empties the `Query`'s).
 */
function queueOf(client: PgClientQueues, config: unknown): unknown[] | undefined {
  if (client === null || typeof client !== 'object') return undefined
  const queue = client._queryQueue
  const parameters = client.connectionParameters
  if (!Array.isArray(queue) || parameters === null || typeof parameters !== 'object') return undefined
  if (parameters.query_timeout || (config as { query_timeout?: unknown }).query_timeout) return undefined
  return queue
}

/** `sentBefore` for a client that does not pipeline. */
const NOT_PIPELINED = -1
/** `sentBefore` for a pipelined client whose new `Query` cannot be told for certain. */
const UNTOLD = -2

/**
 * A pipelined client's (pg 8.23 and later) count of queries written and not yet answered,
 * before the call. An idle one (none written, none active) can emit 'drain' inside
 * `query()` when the new `Query` fails to be written, and a listener can query again
 * there: with a 'drain' listener, its new `Query` is not told.
 */
function sentBefore(client: PgClientQueues, active: unknown): number {
  if (!client.pipeline) return NOT_PIPELINED
  const sent = client._sentQueryQueue
  if (!Array.isArray(sent)) return UNTOLD
  if (active == null && sent.length === 0 && (typeof client.listenerCount !== 'function' || client.listenerCount('drain') !== 0))
    return UNTOLD
  return sent.length
}

/**
 * The `Query` pg's `query()` just made, from its queues before (`queued`, `active`, `sent`)
 * and after; undefined unless certain. pg pushes the new `Query` on `_queryQueue` and pulses
 * the queue: the queue one longer, nothing was taken and it is the last; a client that does
 * not pipeline takes the first waiting one into `_activeQuery`, so from an empty queue it is
 * the new active one; a pipelined client writes every waiting one onto `_sentQueryQueue`
 * (each written one, in order: one that fails to be written errs on a later tick instead),
 * and takes the first written one into `_activeQuery` if none was, so the sent queue as
 * long as it would be with every waiting one written says it is the last there (or the
 * active one, if it is alone). A client that cannot take it (not queryable, ending) errs it
 * on a later tick and queues nothing: told nothing. The `Query` must be pg's JavaScript one
 * (`handleReadyForQuery`), which ends only from the server's messages or on a later tick,
 * never inside `query()`: a native `Query` can fail inside it.
 */
function madeQuery(client: PgClientQueues, queue: unknown[], queued: number, active: unknown, sent: number): PgQueryLike | undefined {
  let query: unknown
  const length = queue.length
  if (length === queued + 1) query = queue[queued]
  else if (length !== 0) return undefined
  else if (sent === NOT_PIPELINED) query = queued === 0 && client._activeQuery !== active ? client._activeQuery : undefined
  else if (sent === UNTOLD) return undefined
  else {
    const sentQueue = client._sentQueryQueue as unknown[]
    const now = client._activeQuery
    const written = sentQueue.length
    if (written !== sent + queued + 1 - (now !== active ? 1 : 0)) return undefined
    query = written > 0 ? sentQueue[written - 1] : now
  }
  if (query === null || typeof query !== 'object') return undefined
  const made = query as PgQueryLike
  return typeof made.callback === 'function' && typeof made.handleReadyForQuery === 'function' ? made : undefined
}
