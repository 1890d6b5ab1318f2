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

  // Each unique index's keys, built from `docs` when first needed and kept up to date by
  // `add`; rebuilt whenever `docs` was replaced (updates, deletes, an aborted transaction).
  private keyed: Document[] | undefined
  private keyedLength = 0
  private readonly keys = new Map<IndexSpec, Map<string, Document>>()

  private keyMap(index: IndexSpec): Map<string, Document> {
    if (this.keyed !== this.docs || this.keyedLength !== this.docs.length) {
      this.keys.clear()
      this.keyed = this.docs
      this.keyedLength = this.docs.length
    }
    let map = this.keys.get(index)
    if (map === undefined) {
      map = new Map(this.docs.map((doc) => [keyString(doc, index.key), doc]))
      this.keys.set(index, map)
    }
    return map
  }

  /** The unique index `doc` would break (ignoring `self`, the document being replaced), if any. */
  conflict(doc: Document, self?: Document): IndexSpec | undefined {
    for (const index of this.indexes) {
      if (!index.unique) continue
      const other = this.keyMap(index).get(keyString(doc, index.key))
      if (other !== undefined && other !== self) return index
    }
    return undefined
  }

  /** Stores a new document (its unique keys checked by the caller through `conflict`). */
  add(doc: Document): void {
    const current = this.keyed === this.docs && this.keyedLength === this.docs.length
    this.docs.push(doc)
    if (!current) return
    this.keyedLength = this.docs.length
    for (const [index, map] of this.keys) map.set(keyString(doc, index.key), doc)
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
