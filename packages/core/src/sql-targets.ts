import { analyzeSql, type SqlDialect } from './sql/analyze.js'
import { Lru } from './sql/lru.js'
import { makeTarget, type OperationTarget, UNKNOWN_TABLE } from './target.js'

const MAX_CACHED_LENGTH = 16 * 1024
const caches = new Map<string, Lru<string, readonly OperationTarget[]>>()

/**
 * The operation targets of a SQL text, one per statement it holds, cached by text
 * (bounded LRU; very long texts are analysed every time). `system` names the report
 * system (`pg`, `mysql`); `dialect` picks the lexer rules.
 *
 * @example
 * const [target] = sqlTargets('SELECT * FROM users WHERE id = $1', 'pg', 'pg')
 */
export function sqlTargets(text: string, system: string, dialect: SqlDialect): readonly OperationTarget[] {
  let cache = caches.get(system)
  if (cache === undefined) {
    cache = new Lru(2000)
    caches.set(system, cache)
  }
  const hit = cache.get(text)
  if (hit !== undefined) return hit
  let targets: readonly OperationTarget[]
  try {
    targets = Object.freeze(analyzeSql(text, dialect).map((s) => makeTarget(system, s.verb, s.tables, s.fingerprint)))
  } catch {
    targets = Object.freeze([makeTarget(system, 'UNKNOWN', [UNKNOWN_TABLE])])
  }
  if (text.length <= MAX_CACHED_LENGTH) cache.set(text, targets)
  return targets
}
