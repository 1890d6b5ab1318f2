import { BSON, type Document, ObjectId } from 'bson'
import { Query } from 'mingo'

/** A deep copy that keeps BSON types (ObjectId, Long, Date, Binary). */
export function clone(doc: Document): Document {
  return BSON.deserialize(BSON.serialize(doc), { promoteLongs: true, promoteValues: true })
}

/** The documents of `docs` that match `filter` (mingo's query semantics). */
export function matching(docs: Document[], filter: Document | undefined): Document[] {
  if (filter === undefined || Object.keys(filter).length === 0) return docs.slice()
  const query = new Query(filter)
  return docs.filter((doc) => query.test(doc))
}

/** `doc` with an `_id` first, made if missing, as mongod stores it. */
export function withId(doc: Document): Document {
  if (doc._id !== undefined) return doc
  return { _id: new ObjectId(), ...doc }
}

/** The value at a dotted path, arrays flattened (as `distinct` reads it). */
export function valuesAt(doc: unknown, path: string[]): unknown[] {
  if (path.length === 0) return Array.isArray(doc) ? doc : [doc]
  if (Array.isArray(doc)) return doc.flatMap((item) => valuesAt(item, path))
  if (doc === null || typeof doc !== 'object') return []
  const [head, ...rest] = path
  const next = (doc as Document)[head as string]
  return next === undefined ? [] : valuesAt(next, rest)
}
