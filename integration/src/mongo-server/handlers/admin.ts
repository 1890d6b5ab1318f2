import { type Document, Long } from 'bson'
import { Query } from 'mingo'
import type { Handler } from '../context.js'
import { CommandError, duplicateKey } from '../errors.js'

/** `listCollections`: the database's collections as one batch, filtered through mingo. */
export const listCollections: Handler = (command, ctx) => {
  const all: Document[] = ctx.store
    .list(ctx.db)
    .map((c) =>
      command.nameOnly === true
        ? { name: c.name, type: 'collection' }
        : { name: c.name, type: 'collection', options: {}, info: { readOnly: false }, idIndex: { v: 2, key: { _id: 1 }, name: '_id_' } },
    )
  const docs = new Query(command.filter ?? {}).find(all).all()
  return { cursor: { id: Long.ZERO, ns: `${ctx.db}.$cmd.listCollections`, firstBatch: docs }, ok: 1 }
}

/** `create`: an empty collection; NamespaceExists (48) if it is there. */
export const create: Handler = (command, ctx) => {
  const name = String(command.create)
  if (ctx.store.get(ctx.db, name) !== undefined) throw new CommandError('NamespaceExists', `Collection ${ctx.db}.${name} already exists.`)
  ctx.store.ensure(ctx.db, name)
  return { ok: 1 }
}

/** `drop`: removes the collection (a missing one is not an error, as in MongoDB 7). */
export const drop: Handler = (command, ctx) => {
  const name = String(command.drop)
  const existing = ctx.store.get(ctx.db, name)
  ctx.store.drop(ctx.db, name)
  return { nIndexesWas: existing?.indexes.length ?? 0, ns: `${ctx.db}.${name}`, ok: 1 }
}

/** `dropDatabase`. */
export const dropDatabase: Handler = (_command, ctx) => {
  ctx.store.dropDatabase(ctx.db)
  return { dropped: ctx.db, ok: 1 }
}

/** `listDatabases`. */
export const listDatabases: Handler = (_command, ctx) => ({
  databases: ctx.store.databases().map((name) => ({ name, sizeOnDisk: 0, empty: false })),
  totalSize: 0,
  ok: 1,
})

/** `createIndexes`: records each index; a unique one is enforced on later writes. */
export const createIndexes: Handler = (command, ctx) => {
  const collection = ctx.store.get(ctx.db, String(command.createIndexes))
  const created = collection === undefined
  const target = collection ?? ctx.store.ensure(ctx.db, String(command.createIndexes))
  const before = target.indexes.length
  for (const spec of command.indexes as Document[]) {
    if (target.indexes.some((i) => i.name === spec.name)) continue
    const index = { name: String(spec.name), key: spec.key, unique: spec.unique === true }
    const clash = index.unique
      ? target.docs.find((doc, i) => target.docs.slice(i + 1).some((other) => target.sameKey(doc, other, index)))
      : undefined
    if (clash !== undefined) {
      const dup = duplicateKey(target.ns, index.name, target.keyOf(clash, index), 0)
      throw new CommandError('DuplicateKey', `Index build failed: ${dup.errmsg}`)
    }
    target.indexes.push(index)
  }
  return { numIndexesBefore: before, numIndexesAfter: target.indexes.length, createdCollectionAutomatically: created, ok: 1 }
}

/** `listIndexes`. */
export const listIndexes: Handler = (command, ctx) => {
  const collection = ctx.store.get(ctx.db, String(command.listIndexes))
  if (collection === undefined) throw new CommandError('NamespaceNotFound', `ns does not exist: ${ctx.db}.${command.listIndexes}`)
  const docs = collection.indexes.map((i) => ({ v: 2, key: i.key, name: i.name, ...(i.unique ? { unique: true } : {}) }))
  return { cursor: { id: Long.ZERO, ns: collection.ns, firstBatch: docs }, ok: 1 }
}

/** `commitTransaction`. */
export const commitTransaction: Handler = (command, ctx) => {
  ctx.transactions.commit(command)
  return { ok: 1 }
}

/** `abortTransaction`: the transaction's writes undone. */
export const abortTransaction: Handler = (command, ctx) => {
  ctx.transactions.abort(command)
  return { ok: 1 }
}
