/** What a reply says: documents returned, documents written, and whether it reports a failure. */
export interface ReplyFigures {
  rows: number
  affected: number
  failed: boolean
}

/**
 * A reply as the driver hands it back: a plain document, or (driver 6 and later) a
 * lazily parsed one (`MongoDBResponse`, `CursorResponse`) read field by field.
 */
export interface LazyDocument {
  has(name: string): boolean
  get(name: string, as: number, required?: boolean): unknown
  getNumber(name: string, required?: boolean): number | null
  size?(): number
  /** `CursorResponse`: the documents in its batch. */
  readonly batchSize?: number
}
