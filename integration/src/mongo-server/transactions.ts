import { type Document, EJSON } from 'bson'
import type { Collection } from './collection.js'

interface Open {
  /** Each collection's documents as they were before the transaction first wrote to it. */
  before: Map<Collection, Document[]>
}

/**
 * Sessions' transactions, enough for the driver's `withTransaction`, commit and abort:
 * a write inside a transaction first saves the collection's document list (writes
 * replace documents rather than change them in place), so `abortTransaction` can put
 * it back. No isolation between concurrent transactions: tests give each its own
 * collections.
 */
export class Transactions {
  private readonly open = new Map<string, Open>()

  private key(command: Document): string | undefined {
    if (command.lsid === undefined || command.txnNumber === undefined || command.autocommit !== false) return undefined
    return `${EJSON.stringify(command.lsid.id, { relaxed: false })}:${command.txnNumber}`
  }

  /** Opens the command's transaction when it carries `startTransaction`. */
  begin(command: Document): void {
    const key = this.key(command)
    if (key !== undefined && command.startTransaction === true) this.open.set(key, { before: new Map() })
  }

  /** Called before a write to `collection`: saves its documents the first time in this transaction. */
  touch(command: Document, collection: Collection): void {
    const key = this.key(command)
    const txn = key === undefined ? undefined : this.open.get(key)
    if (txn !== undefined && !txn.before.has(collection)) txn.before.set(collection, collection.docs.slice())
  }

  commit(command: Document): void {
    const key = this.key(command)
    if (key !== undefined) this.open.delete(key)
  }

  abort(command: Document): void {
    const key = this.key(command)
    const txn = key === undefined ? undefined : this.open.get(key)
    if (key === undefined || txn === undefined) return
    for (const [collection, docs] of txn.before) collection.docs = docs
    this.open.delete(key)
  }
}
