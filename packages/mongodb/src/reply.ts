import type { ReplyFigures } from './internal-types.js'

type Doc = Record<string, unknown>

function length(value: unknown): number {
  return Array.isArray(value) ? value.length : 0
}

function num(value: unknown): number {
  return typeof value === 'number' ? value : typeof value === 'bigint' ? Number(value) : Number(value ?? 0) || 0
}

/**
 * What a successful reply says: the documents it returned (a cursor batch,
 * `findAndModify`'s value, `distinct`'s values, `count`'s one result), the documents
 * written (`insert`/`delete`: `n`; `update`: `nModified` plus upserts;
 * `findAndModify`: `lastErrorObject.n`), and whether it reports write errors (the
 * driver throws then, so the operation counts as an error).
 */
export function readReply(name: string, reply: unknown): ReplyFigures {
  const r = (reply ?? {}) as Doc
  const failed = r.writeErrors !== undefined || r.writeConcernError !== undefined
  switch (name) {
    case 'find':
    case 'aggregate':
    case 'listCollections':
    case 'listIndexes':
      return { rows: length((r.cursor as Doc | undefined)?.firstBatch), affected: 0, failed }
    case 'getMore':
      return { rows: length((r.cursor as Doc | undefined)?.nextBatch), affected: 0, failed }
    case 'insert':
    case 'delete':
      return { rows: 0, affected: num(r.n), failed }
    case 'update':
      return { rows: 0, affected: num(r.nModified) + length(r.upserted), failed }
    case 'findAndModify':
      return { rows: r.value == null ? 0 : 1, affected: num((r.lastErrorObject as Doc | undefined)?.n), failed }
    case 'distinct':
      return { rows: length(r.values), affected: 0, failed }
    case 'count':
      return { rows: 1, affected: 0, failed }
    default:
      return { rows: 0, affected: 0, failed }
  }
}
