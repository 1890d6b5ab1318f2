import { type Document, Long } from 'bson'

/** An open server-side cursor: the documents it has not returned yet. */
export interface OpenCursor {
  id: bigint
  ns: string
  collection: string
  remaining: Document[]
}

/** What one batch answers: the documents and the cursor id (0 when the cursor is done). */
export interface Batch {
  id: Long
  docs: Document[]
}

/**
 * The server's open cursors. A batch takes up to `batchSize` documents; the cursor
 * stays open after a batch as long as documents remain or (as mongod does) when the
 * batch came back exactly full and no limit ended it, so the client's next getMore
 * finds the end.
 */
export class CursorRegistry {
  private readonly open = new Map<bigint, OpenCursor>()
  private nextId = 1000n

  /** Opens a cursor over `docs` and returns its first batch. */
  first(ns: string, collection: string, docs: Document[], batchSize: number | undefined, exhaustedByLimit: boolean): Batch {
    const size = batchSize ?? 101
    const batch = docs.slice(0, size)
    const remaining = docs.slice(batch.length)
    const keepOpen = remaining.length > 0 || (batch.length === size && size > 0 && !exhaustedByLimit && batchSize !== undefined)
    if (!keepOpen) return { id: Long.ZERO, docs: batch }
    const id = this.nextId++
    this.open.set(id, { id, ns, collection, remaining })
    return { id: Long.fromBigInt(id), docs: batch }
  }

  get(id: bigint): OpenCursor | undefined {
    return this.open.get(id)
  }

  /** The next batch of an open cursor; it closes when nothing remains. */
  more(cursor: OpenCursor, batchSize: number | undefined): Batch {
    const size = batchSize ?? cursor.remaining.length
    const docs = cursor.remaining.slice(0, size)
    cursor.remaining = cursor.remaining.slice(docs.length)
    if (cursor.remaining.length === 0 && (docs.length < size || batchSize === undefined)) {
      this.open.delete(cursor.id)
      return { id: Long.ZERO, docs }
    }
    return { id: Long.fromBigInt(cursor.id), docs }
  }

  kill(id: bigint): boolean {
    return this.open.delete(id)
  }

  /** How many cursors are open (for tests: none should leak). */
  get size(): number {
    return this.open.size
  }
}
