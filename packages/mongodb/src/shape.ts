const MAX_DEPTH = 6

/**
 * The shape of a filter (or pipeline): its keys kept, every value replaced by `?`,
 * arrays of values collapsed to `[?]`. No value survives, so the shape can be kept and
 * shown; `{ _id: 42 }` and `{ _id: 7 }` share it.
 *
 * @example
 * shape({ status: 'new', total: { $gt: 10 } }) // '{status:?,total:{$gt:?}}'
 */
export function shape(value: unknown, depth = 0): string {
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return '?'
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]'
    const first = value[0]
    if (first === null || typeof first !== 'object' || isLeaf(first)) return '[?]'
    return `[${value.map((item) => shape(item, depth + 1)).join(',')}]`
  }
  if (isLeaf(value)) return '?'
  const keys = Object.keys(value)
  if (keys.length === 0) return '{}'
  let out = '{'
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string
    out += `${i === 0 ? '' : ','}${key}:${shape((value as Record<string, unknown>)[key], depth + 1)}`
  }
  return `${out}}`
}

// BSON values (ObjectId, Long, Decimal128, Binary, Timestamp) and dates are values, not shapes.
function isLeaf(value: object): boolean {
  return '_bsontype' in value || value instanceof Date || value instanceof RegExp || ArrayBuffer.isView(value)
}
