import type { Document } from 'bson'
import type { Collection } from '../collection.js'
import type { Handler, HandlerContext } from '../context.js'
import { matching, withId } from '../documents.js'
import { duplicateKey } from '../errors.js'
import { applyUpdate, upsertDocument } from '../update-doc.js'

function target(command: Document, ctx: HandlerContext, name: string): Collection {
  const collection = ctx.store.ensure(ctx.db, name)
  ctx.transactions.touch(command, collection)
  return collection
}

function writeReply(n: number, errors: Document[], extra: Document = {}): Document {
  return { n, ...extra, ...(errors.length > 0 ? { writeErrors: errors } : {}), ok: 1 }
}

/** `insert`: each document stored unless its unique keys are taken (E11000); ordered stops at the first error. */
export const insert: Handler = (command, ctx) => {
  const collection = target(command, ctx, String(command.insert))
  const errors: Document[] = []
  let n = 0
  for (const [i, raw] of (command.documents as Document[]).entries()) {
    const doc = withId(raw)
    const taken = collection.conflict(doc)
    if (taken !== undefined) {
      errors.push(duplicateKey(collection.ns, taken.name, collection.keyOf(doc, taken), i))
      if (command.ordered !== false) break
      continue
    }
    collection.add(doc)
    n += 1
  }
  return writeReply(n, errors)
}

/** `update`: each statement matched, modified or upserted; `n` matched plus upserted, `nModified` changed. */
export const update: Handler = (command, ctx) => {
  const collection = target(command, ctx, String(command.update))
  const errors: Document[] = []
  const upserted: Document[] = []
  let n = 0
  let nModified = 0
  for (const [i, statement] of (command.updates as Document[]).entries()) {
    const found = matching(collection.docs, statement.q)
    const chosen = statement.multi === true ? found : found.slice(0, 1)
    if (chosen.length === 0 && statement.upsert === true) {
      const doc = upsertDocument(statement.q, statement.u, statement.arrayFilters)
      const taken = collection.conflict(doc)
      if (taken !== undefined) {
        errors.push(duplicateKey(collection.ns, taken.name, collection.keyOf(doc, taken), i))
        if (command.ordered !== false) break
        continue
      }
      collection.add(doc)
      upserted.push({ index: i, _id: doc._id })
      n += 1
      continue
    }
    const docs = collection.docs.slice()
    for (const old of chosen) {
      const { doc, changed } = applyUpdate(old, statement.u, false, statement.arrayFilters)
      n += 1
      if (!changed) continue
      docs[docs.indexOf(old)] = doc
      nModified += 1
    }
    collection.docs = docs
  }
  return writeReply(n, errors, { nModified, ...(upserted.length > 0 ? { upserted } : {}) })
}

/** `delete`: each statement removes one (`limit: 1`) or every matching document. */
export const remove: Handler = (command, ctx) => {
  const collection = target(command, ctx, String(command.delete))
  let n = 0
  for (const statement of command.deletes as Document[]) {
    const found = matching(collection.docs, statement.q)
    const gone = new Set(statement.limit === 1 ? found.slice(0, 1) : found)
    collection.docs = collection.docs.filter((doc) => !gone.has(doc))
    n += gone.size
  }
  return writeReply(n, [])
}
