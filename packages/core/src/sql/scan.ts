import { readCteList } from './cte.js'
import { BEFORE_TABLE_QUERY, FROM_FUNCTIONS, LIST_END, QUERY_START } from './keywords.js'
import { FUNCTION, PAREN, REQUIRED, type TableCollector } from './table-collector.js'
import { TokenKind as K } from './token.js'

const FROM = 1
const JOIN = 2
const STRAIGHT_JOIN = 3
const INTO = 4
const UPDATE = 5
const TABLE = 6
const USING = 7
const REFERENCES = 8
const WITH = 9
const END_LIST = 10

/** What a word does to the scan: one Map lookup per word instead of a chain of compares. */
const ACTIONS: ReadonlyMap<string, number> = new Map([
  ['from', FROM],
  ['join', JOIN],
  ['straight_join', STRAIGHT_JOIN],
  ['into', INTO],
  ['update', UPDATE],
  ['table', TABLE],
  ['using', USING],
  ['references', REFERENCES],
  ['with', WITH],
  ...[...LIST_END].filter((w) => w !== 'into').map((w): [string, number] => [w, END_LIST]),
])

const INTO_SKIP: ReadonlySet<string> = new Set(['temp', 'temporary', 'unlogged', 'table'])
const UPDATE_SKIP: ReadonlySet<string> = new Set(['low_priority', 'ignore'])

/**
 * Records every table referenced in tokens `[from, to)` of `c`: FROM lists and JOINs at
 * any depth (subqueries, CTE bodies, derived tables), INTO targets, UPDATE targets,
 * DELETE/MERGE `USING`, `TABLE t`, `REFERENCES t`, and CTE names to leave out.
 * `startAt` is the index of the statement's first word. One pass; lookahead is bounded
 * except for CTE lists, whose bodies are jumped over, never rescanned.
 */
export function scan(c: TableCollector, from: number, to: number, startAt: number): void {
  const toks = c.toks
  // Per parenthesis depth: in a table list, the function the paren belongs to, the verb
  // of the statement it holds, and where it opened.
  const inList: boolean[] = [false]
  const fn: string[] = ['']
  const verb: string[] = ['']
  const open: number[] = [-1]
  let depth = 0
  let start = startAt
  let mainStarts: Set<number> | undefined
  for (let i = from; i < to && !c.failed; i++) {
    const t = toks[i]!
    const kind = t.kind
    if (kind === K.LParen) {
      depth++
      inList[depth] = false
      fn[depth] = c.word(i - 1)
      verb[depth] = ''
      open[depth] = i
      start = i + 1
      if (i === c.tableParen) {
        const next = c.tok(i + 1)
        if (next.kind === K.LParen) c.tableParen = i + 1
        else if (next.kind !== K.RParen && !(next.kind === K.Word && QUERY_START.has(next.text))) {
          inList[depth] = true
          i = c.table(i + 1, FUNCTION | PAREN | REQUIRED) - 1
        }
      }
      continue
    }
    if (kind === K.RParen) {
      if (depth > 0) depth--
      continue
    }
    if (kind === K.Comma) {
      if (inList[depth]) i = c.table(i + 1, FUNCTION | PAREN | REQUIRED) - 1
      continue
    }
    if (kind !== K.Word) continue
    const atStart = i === start || mainStarts?.has(i) === true
    if (atStart) verb[depth] = t.text
    const action = ACTIONS.get(t.text)
    if (action === undefined) continue
    switch (action) {
      case FROM: {
        const before = c.word(i - 1)
        if (FROM_FUNCTIONS.has(fn[depth]!) || before === 'values') break
        if (before === 'distinct' && (c.word(i - 2) === 'is' || c.word(i - 2) === 'not')) break
        inList[depth] = true
        i = c.table(i + 1, FUNCTION | PAREN | REQUIRED) - 1
        break
      }
      case STRAIGHT_JOIN:
      case JOIN:
        // `SELECT STRAIGHT_JOIN a` is a modifier; `USE INDEX FOR JOIN (i)` an index hint.
        if ((action === STRAIGHT_JOIN && !inList[depth]) || c.word(i - 1) === 'for') break
        inList[depth] = true
        i = c.table(i + 1, FUNCTION | PAREN | REQUIRED) - 1
        break
      case INTO: {
        inList[depth] = false
        let k = i + 1
        while (INTO_SKIP.has(c.word(k))) k++
        const w = c.word(k)
        if (w === 'outfile' || w === 'dumpfile') break
        i = c.table(k, REQUIRED) - 1
        break
      }
      case UPDATE: {
        // ON DUPLICATE KEY UPDATE, DO UPDATE, FOR UPDATE, THEN UPDATE are not statements.
        if (!atStart) break
        let k = i + 1
        while (UPDATE_SKIP.has(c.word(k))) k++
        inList[depth] = true
        i = c.table(k, PAREN | REQUIRED) - 1
        break
      }
      case TABLE:
        if (atStart || BEFORE_TABLE_QUERY.has(c.word(i - 1))) i = c.table(i + 1, REQUIRED) - 1
        break
      case USING:
        // DELETE ... USING t and MERGE ... USING s name tables; JOIN ... USING (col) does not.
        if (verb[depth] === 'merge' || (verb[depth] === 'delete' && c.tok(i + 1).kind !== K.LParen)) {
          inList[depth] = verb[depth] === 'delete'
          i = c.table(i + 1, FUNCTION | PAREN | REQUIRED) - 1
        }
        break
      case REFERENCES:
        i = c.table(i + 1, 0) - 1
        break
      case WITH: {
        const scopeEnd = depth > 0 ? c.closeOf(open[depth]!) : to
        const main = readCteList(c, i, scopeEnd)
        if (main >= 0) {
          mainStarts ??= new Set()
          mainStarts.add(main)
        }
        break
      }
      default:
        inList[depth] = false
    }
  }
}
