import type { Document } from 'bson'
import { Query } from 'mingo'
import type { Handler } from '../context.js'
import { CommandError, duplicateKey } from '../errors.js'
import { applyUpdate, upsertDocument } from '../update-doc.js'

function project(doc: Document | null, fields: Document | undefined): Document | null {
  if (doc === null || fields === undefined || Object.keys(fields).length === 0) return doc
  return (new Query({}).find([doc], fields).all()[0] as Document | undefined) ?? null
}

/** `findAndModify`: one document (first in `sort`) removed, updated or upserted; `value` before or after (`new`). */
export const findAndModify: Handler = (command, ctx) => {
  const collection = ctx.store.ensure(ctx.db, String(command.findAndModify))
  ctx.transactions.touch(command, collection)
  let cursor = new Query(command.query ?? {}).find(collection.docs)
  if (command.sort !== undefined) cursor = cursor.sort(command.sort)
  const old = (cursor.limit(1).all()[0] as Document | undefined) ?? null
  // mingo's cursor may hand back a copy: find the stored document it stands for.
  const stored =
    old === null
      ? undefined
      : collection.docs.find((d) => d === old || (d._id !== undefined && JSON.stringify(d._id) === JSON.stringify(old._id)))
  if (command.remove === true) {
    if (stored !== undefined) collection.docs = collection.docs.filter((d) => d !== stored)
    return { lastErrorObject: { n: stored === undefined ? 0 : 1 }, value: project(stored ?? null, command.fields), ok: 1 }
  }
  if (command.update === undefined) throw new CommandError('FailedToParse', 'Either an update or remove=true must be specified')
  if (stored === undefined) {
    if (command.upsert !== true) return { lastErrorObject: { n: 0, updatedExisting: false }, value: null, ok: 1 }
    const doc = upsertDocument(command.query, command.update, command.arrayFilters)
    const taken = collection.conflict(doc)
    if (taken !== undefined) {
      const e = duplicateKey(collection.ns, taken.name, collection.keyOf(doc, taken), 0)
      return { ok: 0, errmsg: e.errmsg, code: e.code, codeName: 'DuplicateKey', keyPattern: e.keyPattern, keyValue: e.keyValue }
    }
    collection.add(doc)
    return {
      lastErrorObject: { n: 1, updatedExisting: false, upserted: doc._id },
      value: command.new === true ? project(doc, command.fields) : null,
      ok: 1,
    }
  }
  const { doc } = applyUpdate(stored, command.update, false, command.arrayFilters)
  collection.docs = collection.docs.map((d) => (d === stored ? doc : d))
  return { lastErrorObject: { n: 1, updatedExisting: true }, value: project(command.new === true ? doc : stored, command.fields), ok: 1 }
}
