import type { LazyDocument, ReplyFigures } from './internal-types.js'

type Doc = Record<string, unknown>

// BSON element types, as the driver's lazy documents take them.
const OBJECT = 3
const ARRAY = 4

function isLazy(value: unknown): value is LazyDocument {
  return typeof (value as LazyDocument | null)?.getNumber === 'function'
}

/** A number field, from a plain or a lazy document. */
function numberOf(doc: unknown, name: string): number {
  if (isLazy(doc)) return doc.getNumber(name) ?? 0
  const value = (doc as Doc | null | undefined)?.[name]
  return typeof value === 'number' ? value : typeof value === 'bigint' ? Number(value) : Number(value ?? 0) || 0
}

/** How many elements an array field holds. */
function lengthOf(doc: unknown, name: string): number {
  if (isLazy(doc)) return (doc.get(name, ARRAY) as LazyDocument | null)?.size?.() ?? 0
  const value = (doc as Doc | null | undefined)?.[name]
  return Array.isArray(value) ? value.length : 0
}

/** An embedded document field, plain or lazy (`null` when missing or not a document). */
function documentOf(doc: unknown, name: string): unknown {
  if (isLazy(doc)) return doc.get(name, OBJECT)
  const value = (doc as Doc | null | undefined)?.[name]
  return value !== null && typeof value === 'object' ? value : null
}

function has(doc: unknown, name: string): boolean {
  if (isLazy(doc)) return doc.has(name)
  return (doc as Doc | null | undefined)?.[name] !== undefined
}

/** Write errors in an `ok: 1` reply (the driver throws them). Only writes carry them. */
function writeFailed(reply: unknown): boolean {
  return has(reply, 'writeErrors') || has(reply, 'writeConcernError')
}

/** The documents of a cursor reply's batch (`firstBatch` or `nextBatch`). */
function batchOf(reply: unknown): number {
  const size = (reply as LazyDocument | null)?.batchSize
  if (typeof size === 'number') return size
  const cursor = documentOf(reply, 'cursor')
  return cursor === null ? 0 : lengthOf(cursor, 'firstBatch') + lengthOf(cursor, 'nextBatch')
}

/**
 * What a successful reply says, read without decoding it whole: the documents it
 * returned (a cursor batch, `findAndModify`'s value, `distinct`'s values, `count`'s one
 * result), the documents written (`insert`/`delete`: `n`; `update`: `nModified` plus
 * upserts; `findAndModify`: `lastErrorObject.n`), and whether it reports write errors
 * (the driver throws then, so the operation counts as an error).
 */
export function readReply(name: string, reply: unknown): ReplyFigures {
  switch (name) {
    case 'find':
    case 'aggregate':
    case 'getMore':
    case 'listCollections':
    case 'listIndexes':
      return { rows: batchOf(reply), affected: 0, failed: false }
    case 'insert':
    case 'delete':
      return { rows: 0, affected: numberOf(reply, 'n'), failed: writeFailed(reply) }
    case 'update':
      return { rows: 0, affected: numberOf(reply, 'nModified') + lengthOf(reply, 'upserted'), failed: writeFailed(reply) }
    case 'findAndModify':
      return {
        rows: documentOf(reply, 'value') === null ? 0 : 1,
        affected: numberOf(documentOf(reply, 'lastErrorObject'), 'n'),
        failed: writeFailed(reply),
      }
    case 'distinct':
      return { rows: lengthOf(reply, 'values'), affected: 0, failed: false }
    case 'count':
      return { rows: 1, affected: 0, failed: false }
    default:
      return { rows: 0, affected: 0, failed: writeFailed(reply) }
  }
}
