import { MAIN_VERBS } from './keywords.js'
import type { TableCollector } from './table-collector.js'
import { TokenKind as K } from './token.js'

// SEARCH and CYCLE clauses after a CTE body are short; a bound keeps a stray WITH from
// rescanning the rest of a long statement.
const MAX_CLAUSE_TOKENS = 32

/**
 * Reads `WITH [RECURSIVE] name [(cols)] AS [[NOT] MATERIALIZED] (body) [SEARCH|CYCLE ...], ...`
 * at `withAt` and returns the index of the main statement after it, or -1 when this
 * WITH opens no CTE list (`WITH TIME ZONE`, `WITH ORDINALITY`, `WITH (FORMAT csv)`).
 *
 * With `scopeEnd` >= 0, each CTE name is declared to `c` for the references that can
 * see it: from the end of its body (from its start when RECURSIVE) to `scopeEnd`, so
 * `WITH users AS (SELECT * FROM users)` still reads the table `users`.
 */
export function readCteList(c: TableCollector, withAt: number, scopeEnd: number): number {
  let k = withAt + 1
  const recursive = c.word(k) === 'recursive'
  if (recursive) k++
  const found: (string | number)[] = []
  for (;;) {
    if (!c.isName(k)) return -1
    const name = c.part(k)
    k++
    if (c.kind(k) === K.LParen) k = c.closeOf(k) + 1
    if (c.word(k) !== 'as') return -1
    k++
    if (c.word(k) === 'not') k++
    if (c.word(k) === 'materialized') k++
    if (c.kind(k) !== K.LParen) return -1
    const close = c.closeOf(k)
    found.push(name, recursive ? k : close + 1)
    k = close + 1
    const main = afterBody(c, k)
    if (main === -1) return -1
    if (main < 0) {
      k = -main - 2
      continue
    }
    if (scopeEnd >= 0) for (let i = 0; i < found.length; i += 2) c.addCte(found[i] as string, found[i + 1] as number, scopeEnd)
    return main
  }
}

/**
 * Skips SEARCH/CYCLE clauses after a CTE body at `k`. Returns the main statement's index,
 * `-(next CTE's index) - 2` after a comma, or -1 when neither follows.
 */
function afterBody(c: TableCollector, k: number): number {
  let clause = false
  let afterSet = false
  for (const limit = k + MAX_CLAUSE_TOKENS; k < limit; k++) {
    if (c.kind(k) === K.Eof) return -1
    if (c.kind(k) === K.LParen) return k
    // CYCLE a, b SET ...: the commas before SET belong to the clause.
    if (c.kind(k) === K.Comma && (!clause || afterSet)) return -(k + 1) - 2
    if (c.kind(k) === K.Word) {
      if (MAIN_VERBS.has(c.word(k))) return k
      if (c.word(k) === 'search' || c.word(k) === 'cycle') clause = true
      else if (c.word(k) === 'set') afterSet = true
    }
  }
  return -1
}
