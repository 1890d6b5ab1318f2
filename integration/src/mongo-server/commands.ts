import type { Document } from 'bson'
import type { Handler } from './context.js'
import * as admin from './handlers/admin.js'
import { count, distinct } from './handlers/count.js'
import { findAndModify } from './handlers/find-and-modify.js'
import { buildInfo, hello, ok } from './handlers/hello.js'
import { aggregate, find, getMore, killCursors } from './handlers/read.js'
import { insert, remove, update } from './handlers/write.js'

/** Every command the server answers, by name (lower-cased, as mongod matches them). */
export const HANDLERS: ReadonlyMap<string, Handler> = new Map(
  Object.entries({
    hello,
    ismaster: hello,
    buildinfo: buildInfo,
    ping: ok,
    endsessions: ok,
    find,
    getmore: getMore,
    killcursors: killCursors,
    aggregate,
    insert,
    update,
    delete: remove,
    findandmodify: findAndModify,
    count,
    distinct,
    listcollections: admin.listCollections,
    create: admin.create,
    drop: admin.drop,
    dropdatabase: admin.dropDatabase,
    listdatabases: admin.listDatabases,
    createindexes: admin.createIndexes,
    listindexes: admin.listIndexes,
    committransaction: admin.commitTransaction,
    aborttransaction: admin.abortTransaction,
  }),
)

/** Commands the server does not count: the driver's own handshake, monitoring and session clean-up. */
export const UNCOUNTED: ReadonlySet<string> = new Set([
  'hello',
  'ismaster',
  'endsessions',
  'buildinfo',
  'saslstart',
  'saslcontinue',
  'querycostservercounts',
])

/** The collection a command names (`(none)` when it names none). */
export function collectionOf(name: string, command: Document): string {
  switch (name) {
    case 'getmore':
      return String(command.collection)
    case 'aggregate':
      return command.aggregate === 1 ? '(none)' : String(command.aggregate)
    case 'find':
    case 'killcursors':
    case 'insert':
    case 'update':
    case 'delete':
    case 'findandmodify':
    case 'count':
    case 'distinct':
    case 'create':
    case 'drop':
    case 'createindexes':
    case 'listindexes': {
      const value = command[Object.keys(command)[0] as string]
      return typeof value === 'string' ? value : '(none)'
    }
    default:
      return '(none)'
  }
}

/** The documents a reply returned: a cursor batch, findAndModify's value, distinct's values, count's one result. */
export function documentsOf(name: string, reply: Document): number {
  if (reply.ok !== 1) return 0
  const batch = reply.cursor?.firstBatch ?? reply.cursor?.nextBatch
  if (Array.isArray(batch)) return batch.length
  if (name === 'findandmodify') return reply.value == null ? 0 : 1
  if (name === 'distinct') return reply.values.length
  if (name === 'count') return 1
  return 0
}
