import { type Document, Long } from 'bson'
import { Aggregator, Query } from 'mingo'
import type { Handler } from '../context.js'
import { CommandError } from '../errors.js'

function cursorReply(ns: string, id: unknown, docs: Document[], field: 'firstBatch' | 'nextBatch'): Document {
  return { cursor: { id, ns, [field]: docs }, ok: 1 }
}

/** `find`: filter, projection, sort, skip, limit through mingo; the first batch and a cursor. */
export const find: Handler = (command, ctx) => {
  const name = String(command.find)
  const docs = ctx.store.docs(ctx.db, name)
  let cursor = new Query(command.filter ?? {}).find(docs, command.projection)
  if (command.sort !== undefined) cursor = cursor.sort(command.sort)
  if (command.skip !== undefined) cursor = cursor.skip(command.skip)
  const limit = command.limit === undefined || command.limit === 0 ? undefined : Math.abs(command.limit)
  const all = cursor.all() as Document[]
  const results = limit === undefined ? all : all.slice(0, limit)
  const single = command.singleBatch === true || (command.limit ?? 0) < 0
  const ns = `${ctx.db}.${name}`
  if (single) return cursorReply(ns, Long.ZERO, results.slice(0, command.batchSize ?? results.length), 'firstBatch')
  const batch = ctx.cursors.first(ns, name, results, command.batchSize, limit !== undefined && results.length <= (command.batchSize ?? 101))
  return cursorReply(ns, batch.id, batch.docs, 'firstBatch')
}

/** `aggregate`: the pipeline through mingo; the first batch and a cursor. */
export const aggregate: Handler = (command, ctx) => {
  const name = command.aggregate === 1 ? '$cmd.aggregate' : String(command.aggregate)
  if (!Array.isArray(command.pipeline)) throw new CommandError('FailedToParse', "'pipeline' option must be specified as an array")
  const docs = ctx.store.docs(ctx.db, name)
  const results = new Aggregator(command.pipeline).run(docs) as Document[]
  const ns = `${ctx.db}.${name}`
  const batch = ctx.cursors.first(ns, name, results, command.cursor?.batchSize, false)
  return cursorReply(ns, batch.id, batch.docs, 'firstBatch')
}

/** `getMore`: the next batch of an open cursor. */
export const getMore: Handler = (command, ctx) => {
  const id = BigInt(command.getMore)
  const cursor = ctx.cursors.get(id)
  if (cursor === undefined) throw new CommandError('CursorNotFound', `cursor id ${id} not found`)
  const batch = ctx.cursors.more(cursor, command.batchSize)
  return cursorReply(cursor.ns, batch.id, batch.docs, 'nextBatch')
}

/** `killCursors`: closes the named cursors. */
export const killCursors: Handler = (command, ctx) => {
  const killed: unknown[] = []
  const notFound: unknown[] = []
  for (const id of command.cursors ?? []) (ctx.cursors.kill(BigInt(id)) ? killed : notFound).push(id)
  return { cursorsKilled: killed, cursorsNotFound: notFound, cursorsAlive: [], cursorsUnknown: [], ok: 1 }
}
