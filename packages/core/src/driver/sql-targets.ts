import { makeTarget, type OperationTarget, UNKNOWN_TABLE } from '../accounting/target.js'
import { analyzeSqlUncached, type SqlDialect } from '../sql/analyze.js'
import { Lru } from '../sql/lru.js'

const MAX_CACHED_LENGTH = 16 * 1024
const byText = new Map<string, Lru<string, readonly OperationTarget[]>>()
// Targets of the same shape share one object whatever their text (literal values
// differ, a long statement is not cached by text): a context keeps one slot per shape.
const byShape = new Lru<string, OperationTarget>(4000)

function shared(system: string, verb: string, tables: readonly string[], fingerprint: string | undefined): OperationTarget {
  const key = `${system}\u0000${verb}\u0000${tables.join('\u0001')}\u0000${fingerprint ?? ''}`
  let target = byShape.get(key)
  if (target === undefined) {
    target = makeTarget(system, verb, tables, fingerprint)
    byShape.set(key, target)
  }
  return target
}

// The system asked for last and its cache: a process with one SQL driver finds its cache
// here, without a second Map lookup per operation (4 to 5 ns a hit, hot); one with two
// looks it up each time the system changes.
let lastSystem: string | undefined
let lastCache: Lru<string, readonly OperationTarget[]> | undefined

function cacheOf(system: string): Lru<string, readonly OperationTarget[]> {
  let cache = byText.get(system)
  if (cache === undefined) {
    cache = new Lru(2000)
    byText.set(system, cache)
  }
  lastSystem = system
  lastCache = cache
  return cache
}

function analyze(text: string, system: string, dialect: SqlDialect): readonly OperationTarget[] {
  try {
    const statements = analyzeSqlUncached(text, dialect)
    if (statements.length > 0) return Object.freeze(statements.map((s) => shared(system, s.verb, s.tables, s.fingerprint)))
  } catch {
    // analyzeSql never throws by contract; if it ever does, the query still counts.
  }
  return Object.freeze([shared(system, 'UNKNOWN', [UNKNOWN_TABLE], undefined)])
}

/**
 * The operation targets of a SQL text, one per statement it holds, cached by text
 * (bounded LRU; very long texts are analysed every time). `system` names the report
 * system (`pg`, `mysql`); `dialect` picks the lexer rules.
 *
 * @example
 * const [target] = sqlTargets('SELECT * FROM users WHERE id = $1', 'pg', 'pg')
 */
export function sqlTargets(text: string, system: string, dialect: SqlDialect): readonly OperationTarget[] {
  const cache = system === lastSystem ? (lastCache as Lru<string, readonly OperationTarget[]>) : cacheOf(system)
  const hit = cache.get(text)
  if (hit !== undefined) return hit
  const targets = analyze(text, system, dialect)
  if (text.length <= MAX_CACHED_LENGTH) cache.set(text, targets)
  return targets
}
