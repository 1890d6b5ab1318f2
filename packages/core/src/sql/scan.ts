import { readCteList } from './cte.js'
import { grownI32, grownU8, grownU16, roomFor } from './grown.js'
import { keywordOf } from './keyword-table.js'
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

// Per parenthesis depth: in a table list (0/1), the keyword index of the function the
// paren belongs to and of the verb of the statement it holds, and where it opened. Typed
// arrays shared by every call (the scan never runs inside itself), so deep nesting
// allocates no object per parenthesis.
let inList = new Uint8Array(64)
let fn = new Uint16Array(64)
let verb = new Uint16Array(64)
let open = new Int32Array(64)

/**
 * Makes room for parentheses nested `depth` deep, before the scan's loop and by the same
 * operations whether the arrays grow (see grown.ts).
 */
export function reserveDepth(depth: number): void {
  const size = roomFor(inList.length, depth + 2)
  inList = grownU8(inList, size)
  fn = grownU16(fn, size)
  verb = grownU16(verb, size)
  open = grownI32(open, size)
}

/** A keyword index's word, '' for 0. */
const word = (index: number): string => (index === 0 ? '' : keywordOf(index))

/**
 * Records every table referenced in tokens `[from, to)` of `c`: FROM lists and JOINs at
 * any depth (subqueries, CTE bodies, derived tables), INTO targets, UPDATE targets,
 * DELETE/MERGE `USING`, `TABLE t`, `REFERENCES t`, and CTE names to leave out.
 * `startAt` is the index of the statement's first word. One pass; lookahead is bounded
 * except for CTE lists, whose bodies are jumped over, never rescanned.
 */
export function scan(c: TableCollector, from: number, to: number, startAt: number): void {
  const toks = c.toks
  const keywords = toks.keywords
  inList[0] = 0
  fn[0] = 0
  verb[0] = 0
  open[0] = -1
  let depth = 0
  let start = startAt
  let mainStarts: Set<number> | undefined
  for (let i = from; i < to && !c.failed; i++) {
    const kind = toks.kind(i)
    if (kind === K.LParen) {
      depth++
      inList[depth] = 0
      fn[depth] = i - 1 >= c.start && toks.kind(i - 1) === K.Word ? keywords[i - 1]! : 0
      verb[depth] = 0
      open[depth] = i
      start = i + 1
      if (i === c.tableParen) {
        const next = c.kind(i + 1)
        if (next === K.LParen) c.tableParen = i + 1
        else if (next !== K.RParen && !(next === K.Word && QUERY_START.has(c.keyword(i + 1)))) {
          inList[depth] = 1
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
    if (atStart) verb[depth] = keywords[i]!
    // Every word ACTIONS holds is in the keyword table: other words need no string.
    if (keywords[i] === 0) continue
    const action = ACTIONS.get(keywordOf(keywords[i]!))
    if (action === undefined) continue
    switch (action) {
      case FROM: {
        const before = c.keyword(i - 1)
        if (FROM_FUNCTIONS.has(word(fn[depth]!)) || before === 'values') break
        if (before === 'distinct' && (c.keyword(i - 2) === 'is' || c.keyword(i - 2) === 'not')) break
        inList[depth] = 1
        i = c.table(i + 1, FUNCTION | PAREN | REQUIRED) - 1
        break
      }
      case STRAIGHT_JOIN:
      case JOIN:
        // `SELECT STRAIGHT_JOIN a` is a modifier; `USE INDEX FOR JOIN (i)` an index hint.
        if ((action === STRAIGHT_JOIN && !inList[depth]) || c.keyword(i - 1) === 'for') break
        inList[depth] = 1
        i = c.table(i + 1, FUNCTION | PAREN | REQUIRED) - 1
        break
      case INTO: {
        inList[depth] = 0
        let k = i + 1
        // Keyword-table words: read without making a string of the table name after them.
        while (INTO_SKIP.has(c.keyword(k))) k++
        const w = c.keyword(k)
        if (w === 'outfile' || w === 'dumpfile') break
        i = c.table(k, REQUIRED) - 1
        break
      }
      case UPDATE: {
        // ON DUPLICATE KEY UPDATE, DO UPDATE, FOR UPDATE, THEN UPDATE are not statements.
        if (!atStart) break
        let k = i + 1
        while (UPDATE_SKIP.has(c.keyword(k))) k++
        inList[depth] = 1
        i = c.table(k, PAREN | REQUIRED) - 1
        break
      }
      case TABLE:
        if (atStart || BEFORE_TABLE_QUERY.has(c.word(i - 1))) i = c.table(i + 1, REQUIRED) - 1
        break
      case USING: {
        // DELETE ... USING t and MERGE ... USING s name tables; JOIN ... USING (col) does not.
        const v = word(verb[depth]!)
        if (v === 'merge' || (v === 'delete' && c.kind(i + 1) !== K.LParen)) {
          inList[depth] = v === 'delete' ? 1 : 0
          i = c.table(i + 1, FUNCTION | PAREN | REQUIRED) - 1
        }
        break
      }
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
        inList[depth] = 0
    }
  }
}
