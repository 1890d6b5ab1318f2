import type { OperationTarget } from '../accounting/target.js'
import { analyzeText } from './analyze-text.js'
import { Lru } from './lru.js'
import { reducedText, shapeInfo, sqlShape } from './shape.js'
import type { SqlStatement } from './types.js'

/** One cached analysis, shared by every text of its shape. */
export interface SqlEntry {
  readonly statements: readonly SqlStatement[]
  /** The system {@link targets} were made for (a SQL driver package's name). */
  system: string | undefined
  /** The operation targets of {@link statements} for {@link system}, made on first use. */
  targets: readonly OperationTarget[] | undefined
}

/** Entries kept per dialect unless {@link configureSqlCache} says otherwise. */
export const DEFAULT_MAX_ENTRIES = 2000
/** Texts longer than this are never a key (their shape digest is). */
export const DEFAULT_MAX_TEXT_LENGTH = 16 * 1024

// The one SQL cache, per dialect. Keys: a text that holds no literal value (placeholders
// only: a hit hashes no new string and scans nothing), or the shape digest of any text
// (a number: no text, so no value, is kept).
const pgCache = new Lru<string | number, SqlEntry>(DEFAULT_MAX_ENTRIES)
const mysqlCache = new Lru<string | number, SqlEntry>(DEFAULT_MAX_ENTRIES)
let maxTextLength = DEFAULT_MAX_TEXT_LENGTH

/** Texts past {@link maxTextLength} whose analysis is kept by a digest of the text, per dialect. */
export const LONG_TEXT_ENTRIES = 64
// A long text found again (the same bulk insert or report query run each minute): a
// digest of its characters (a number: nothing of the text is kept) to its entry, which
// is about 3 times cheaper to compute than its shape digest.
const pgLong = new Lru<number, SqlEntry>(LONG_TEXT_ENTRIES)
const mysqlLong = new Lru<number, SqlEntry>(LONG_TEXT_ENTRIES)

/**
 * The cached analysis of `text`. A text without literal values is found by itself; any
 * other by its shape (one pass over its characters), so texts that differ only in
 * values share one entry. On a miss, the analysis runs on the text with its repeated
 * rows and value lists cut out. Never throws.
 */
export function sqlEntry(text: string, mysql: boolean): SqlEntry {
  const cache = mysql ? mysqlCache : pgCache
  const short = text.length <= maxTextLength
  let digest = -1
  if (short) {
    const hit = cache.get(text)
    if (hit !== undefined) return hit
  } else {
    digest = textDigest(text)
    const hit = (mysql ? mysqlLong : pgLong).get(digest)
    if (hit !== undefined) return hit
  }
  let shape: number
  try {
    shape = sqlShape(text, mysql)
  } catch {
    return { statements: analyzeText(text, mysql), system: undefined, targets: undefined }
  }
  let entry = cache.get(shape)
  if (entry === undefined) {
    const source = shapeInfo.droppedLength > 0 ? reducedText(text) : text
    let statements = analyzeText(source, mysql)
    if (shapeInfo.repeatsLength > 0) statements = repeated(statements, text, mysql)
    entry = { statements, system: undefined, targets: undefined }
    cache.set(shape, entry)
  }
  if (short && !shapeInfo.literal) cache.set(text, entry)
  else if (digest >= 0) (mysql ? mysqlLong : pgLong).set(digest, entry)
  return entry
}

/**
 * The statements of a text whose repeated statements the shape dropped (`statements`,
 * from the text left), each repeat given again as the same object, as the analysis of
 * the whole text has them. Should the count not be the shape's, the whole text is
 * analysed instead.
 */
function repeated(statements: readonly SqlStatement[], text: string, mysql: boolean): readonly SqlStatement[] {
  if (statements.length !== shapeInfo.statements) return analyzeText(text, mysql)
  const repeats = shapeInfo.repeats
  const n = shapeInfo.repeatsLength
  const out: SqlStatement[] = []
  let k = 0
  for (let s = 0; s < statements.length; s++) {
    const statement = statements[s]!
    out.push(statement)
    if (k < n && repeats[k] === s) {
      for (let r = repeats[k + 1]!; r > 0; r--) out.push(statement)
      k += 2
    }
  }
  return Object.freeze(out)
}

/**
 * A 53-bit digest of every character of `text` (two 32-bit multiplicative hashes, as
 * the shape digest folds its tokens): equal texts, equal digests; two different texts
 * share one with odds near 1 in 10^15. Its seeds and prime are shape.ts's, written again
 * on purpose: exported from shape.ts, they are read from module cells in its hot loop
 * (+3,000 instructions per 200-character scan, bench:check's values-repeat).
 */
export function textDigest(text: string): number {
  let a = 0x811c_9dc5 | 0
  let b = 0x3c6e_f372 | 0
  const n = text.length
  for (let i = 0; i < n; i++) {
    a = Math.imul(a ^ text.charCodeAt(i), 0x0100_0193)
    b = (b + a) | 0
  }
  a = Math.imul(a ^ n, 0x0100_0193)
  return (a >>> 0) * 0x20_0000 + ((b + a) >>> 11)
}

/** Changes the bounds of the cache (both dialects). */
export function configureSqlCache(options: { readonly maxEntries?: number; readonly maxTextLength?: number }): void {
  if (options.maxEntries !== undefined) {
    pgCache.capacity = options.maxEntries
    mysqlCache.capacity = options.maxEntries
  }
  if (options.maxTextLength !== undefined) maxTextLength = options.maxTextLength
}

/** Empties the cache. */
export function clearSqlCache(): void {
  pgCache.clear()
  mysqlCache.clear()
  pgLong.clear()
  mysqlLong.clear()
}

/** The keys the cache holds now, both dialects (tests: no key may hold a literal value). */
export function sqlCacheKeys(): (string | number)[] {
  return [...pgCache.keys(), ...mysqlCache.keys(), ...pgLong.keys(), ...mysqlLong.keys()]
}
