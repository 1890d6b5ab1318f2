import type { Document } from 'bson'
import { Aggregator, update as applyOperators } from 'mingo'
import { clone, withId } from './documents.js'
import { CommandError } from './errors.js'

function isOperatorUpdate(u: Document): boolean {
  const keys = Object.keys(u)
  return keys.length > 0 && keys.every((k) => k.startsWith('$'))
}

/**
 * `doc` after the update `u` (operators, a replacement, or a pipeline), as a new
 * object (the stored one is not touched), and whether anything changed. `$setOnInsert`
 * applies only when `inserting`.
 */
export function applyUpdate(
  doc: Document,
  u: Document | Document[],
  inserting: boolean,
  arrayFilters?: Document[],
): { doc: Document; changed: boolean } {
  const before = JSON.stringify(doc)
  if (Array.isArray(u)) {
    const [next] = new Aggregator(u).run([clone(doc)]) as Document[]
    const result = { _id: doc._id, ...next }
    return { doc: result, changed: JSON.stringify(result) !== before }
  }
  if (!isOperatorUpdate(u)) {
    if (Object.keys(u).some((k) => k.startsWith('$')))
      throw new CommandError('BadValue', 'a replacement document cannot mix update operators and fields')
    const result = { _id: doc._id, ...clone(u) }
    if (result._id === undefined) delete result._id
    return { doc: result, changed: JSON.stringify(result) !== before }
  }
  const { $setOnInsert, ...operators } = u
  const next = clone(doc)
  if (Object.keys(operators).length > 0) applyOperators(next, operators, arrayFilters, undefined, { cloneMode: 'deep' })
  if (inserting && $setOnInsert !== undefined) applyOperators(next, { $set: $setOnInsert }, undefined, undefined, { cloneMode: 'deep' })
  return { doc: next, changed: JSON.stringify(next) !== before }
}

/** The document an upsert starts from: the filter's equality fields. */
export function seedFromFilter(filter: Document | undefined): Document {
  const seed: Document = {}
  for (const [key, value] of Object.entries(filter ?? {})) {
    if (key.startsWith('$') || key.includes('.')) continue
    const isOperator = value !== null && typeof value === 'object' && Object.keys(value).some((k) => k.startsWith('$'))
    if (!isOperator) seed[key] = value
    else if ('$eq' in value) seed[key] = value.$eq
  }
  return seed
}

/** The new document an upsert inserts. */
export function upsertDocument(filter: Document | undefined, u: Document | Document[], arrayFilters?: Document[]): Document {
  const seeded = seedFromFilter(filter)
  const { doc } = applyUpdate(seeded, u, true, arrayFilters)
  return withId(doc._id === undefined && seeded._id !== undefined ? { _id: seeded._id, ...doc } : doc)
}
