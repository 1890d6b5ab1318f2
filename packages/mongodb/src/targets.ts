import { collectionOf, filterOf } from './commands.js'
import { makeTarget, type OperationTarget } from './core.js'
import { shape } from './shape.js'
import type { CommandDocument } from './types.js'

const MAX_CACHED = 2000
const cache = new Map<string, OperationTarget>()

/**
 * The target of one command: the command name as verb, its collection as table
 * (`(none)` when it names none), and as fingerprint the name, the collection and the
 * shape of its filter (values as `?`). Commands of the same shape share one cached
 * target.
 *
 * @example
 * targetOf('find', { find: 'orders', filter: { _id: 42 } }).fingerprint // 'find orders {_id:?}'
 */
export function targetOf(name: string, command: CommandDocument): OperationTarget {
  const collection = collectionOf(name, command)
  const filter = filterOf(name, command)
  // Commands without a filter (insert, getMore, killCursors, commit): no string to build.
  if (filter === undefined && name !== 'distinct') return plainTarget(name, collection)
  const distinctKey = name === 'distinct' && typeof command.key === 'string' ? ` ${command.key}` : ''
  const fingerprint = `${name} ${collection ?? '(none)'}${distinctKey}${filter === undefined ? '' : ` ${shape(filter)}`}`
  let target = cache.get(fingerprint)
  if (target === undefined) {
    if (cache.size >= MAX_CACHED) cache.clear()
    target = makeTarget('mongodb', name, collection === undefined ? [] : [collection], fingerprint)
    cache.set(fingerprint, target)
  }
  return target
}

const plain = new Map<string, Map<string | undefined, OperationTarget>>()

function plainTarget(name: string, collection: string | undefined): OperationTarget {
  let byCollection = plain.get(name)
  if (byCollection === undefined) {
    byCollection = new Map()
    plain.set(name, byCollection)
  }
  let target = byCollection.get(collection)
  if (target === undefined) {
    if (byCollection.size >= MAX_CACHED) byCollection.clear()
    target = makeTarget('mongodb', name, collection === undefined ? [] : [collection], `${name} ${collection ?? '(none)'}`)
    byCollection.set(collection, target)
  }
  return target
}
