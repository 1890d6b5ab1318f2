import { Affected, Rows } from './commands.js'

// ioredis parses replies with `returnBuffers`: bulk and status replies are Buffers,
// integers are numbers (strings with `stringNumbers`), nil is null, errors inside an
// EXEC reply are Error objects.

function nonNil(items: readonly unknown[]): number {
  let n = 0
  for (let i = 0; i < items.length; i++) if (items[i] !== null && items[i] !== undefined && !(items[i] instanceof Error)) n++
  return n
}

function listAt(reply: unknown, index: number): readonly unknown[] | undefined {
  if (!Array.isArray(reply)) return undefined
  const item = reply[index]
  return Array.isArray(item) ? item : undefined
}

function hasOption(args: readonly unknown[], option: string): boolean {
  for (let i = 1; i < args.length; i++) {
    const arg = args[i]
    if (typeof arg === 'string' && arg.length === option.length && arg.toUpperCase() === option) return true
  }
  return false
}

/**
 * The rows a reply returns to the application: a bulk reply counts 1, nil 0, an
 * integer or status reply 0, an array its non-nil elements, a flat array of pairs
 * (HGETALL, ZRANGE … WITHSCORES) its pairs, a SCAN page its items.
 */
export function rowsOf(rule: Rows, args: readonly unknown[], reply: unknown): number {
  if (reply === null || reply === undefined) return 0
  if (!Array.isArray(reply)) {
    // Numbers (and, with stringNumbers, numeric strings) are integer replies.
    if (rule === Rows.Status || typeof reply === 'number' || typeof reply === 'string' || typeof reply === 'bigint') return 0
    return 1
  }
  switch (rule) {
    case Rows.Pairs:
      return nonNil(reply) >> 1
    case Rows.PairsWith:
      return hasOption(args, 'WITHSCORES') || hasOption(args, 'WITHVALUES') ? nonNil(reply) >> 1 : nonNil(reply)
    case Rows.Scan:
      return nonNil(listAt(reply, 1) ?? [])
    case Rows.ScanPairs:
      return nonNil(listAt(reply, 1) ?? []) >> 1
    case Rows.KeyedOne:
      return 1
    case Rows.KeyedList:
      return nonNil(listAt(reply, 1) ?? [])
    case Rows.Streams: {
      let n = 0
      for (const stream of reply) n += nonNil(listAt(stream, 1) ?? [])
      return n
    }
    case Rows.Status:
      return 0
    default:
      return nonNil(reply)
  }
}

function integer(reply: unknown): number {
  if (typeof reply === 'number') return reply > 0 ? reply : 0
  if (typeof reply === 'string' || typeof reply === 'bigint') {
    const n = Number(reply)
    return Number.isFinite(n) && n > 0 ? n : 0
  }
  // ZADD … INCR answers a bulk score: one member written.
  return reply === null || reply === undefined ? 0 : 1
}

/**
 * What a reply says was written or deleted: the integer reply of DEL, HSET, SADD,
 * EXPIRE…; 1 for SET, INCR, LSET, XADD; the keys of MSET, the fields of HMSET; the
 * elements pushed by LPUSH; the elements a pop removed (its rows).
 */
export function affectedOf(rule: Affected, args: readonly unknown[], reply: unknown, rows: number): number {
  if (reply === null || reply === undefined || rule === Affected.None) return 0
  switch (rule) {
    case Affected.Integer:
      return integer(reply)
    case Affected.One:
      return 1
    case Affected.HalfArgs:
      return args.length >> 1
    case Affected.HalfArgsIfOne:
      return integer(reply) > 0 ? args.length >> 1 : 0
    case Affected.Pushed:
      return integer(reply) > 0 ? args.length - 1 : 0
    case Affected.Popped:
      return rows
    case Affected.Positive:
      return integer(reply) > 0 ? 1 : 0
    default:
      return 0
  }
}
