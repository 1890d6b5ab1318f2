import { type Document, EJSON } from 'bson'

/** An index as `createIndexes` described it. */
export interface IndexSpec {
  name: string
  key: Document
  unique: boolean
}

/** The unique-key string of `doc` under `key` (EJSON, so ObjectIds and dates compare by value). */
function keyString(doc: Document, key: Document): string {
  return EJSON.stringify(
    Object.keys(key).map((field) => doc[field] ?? null),
    { relaxed: false },
  )
}

/** One collection: its documents in insertion order and its indexes. */
export class Collection {
  docs: Document[] = []
  readonly indexes: IndexSpec[] = [{ name: '_id_', key: { _id: 1 }, unique: true }]

  constructor(
    readonly db: string,
    readonly name: string,
  ) {}

  get ns(): string {
    return `${this.db}.${this.name}`
  }

  /** The unique index `doc` would break (ignoring `self`, the document being replaced), if any. */
  conflict(doc: Document, self?: Document): IndexSpec | undefined {
    for (const index of this.indexes) {
      if (!index.unique) continue
      const wanted = keyString(doc, index.key)
      if (this.docs.some((other) => other !== self && keyString(other, index.key) === wanted)) return index
    }
    return undefined
  }

  /** Whether two documents have the same key under `index`. */
  sameKey(a: Document, b: Document, index: IndexSpec): boolean {
    return keyString(a, index.key) === keyString(b, index.key)
  }

  /** The fields of `index` in `doc`, for the E11000 message. */
  keyOf(doc: Document, index: IndexSpec): Document {
    return Object.fromEntries(Object.keys(index.key).map((field) => [field, doc[field] ?? null]))
  }
}
