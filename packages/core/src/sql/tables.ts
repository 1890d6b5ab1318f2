import { NO_TABLE, UNKNOWN_TABLE } from '../accounting/target.js'
import { reserveDepth } from './scan.js'
import { dispatch } from './statement.js'
import { TableCollector } from './table-collector.js'
import { TokenKind as K, KIND_MASK, type Tokens } from './token.js'

/** The verb and tables of one statement. */
export interface StatementTables {
  /** Upper-case verb (`SELECT`, `EXPLAIN`, ...), or `UNKNOWN`. */
  readonly verb: string
  /** Tables in first-seen order; `['(none)']` or `['(unknown)']`, never empty. */
  readonly tables: readonly string[]
}

const NONE: readonly string[] = Object.freeze([NO_TABLE])
/** What a statement that cannot be parsed gets. */
export const UNPARSED: StatementTables = Object.freeze({ verb: 'UNKNOWN', tables: Object.freeze([UNKNOWN_TABLE]) })

/**
 * Finds the verb and every table read or written by the statement in `tokens[start, end)`.
 * Unbalanced parentheses, an unterminated literal (`broken`), an unknown verb or a
 * missing table name give {@link UNPARSED}.
 *
 * @example
 * const tokens = tokenize('SELECT * FROM a JOIN b ON a.id = b.a_id', false)
 * extractTables(tokens, 0, tokens.length, false) // { verb: 'SELECT', tables: ['a', 'b'] }
 *
 * `previous`: the result of the statement before it in the same text, returned as it is
 * when this one has the same verb and tables.
 */
export function extractTables(tokens: Tokens, start: number, end: number, broken: boolean, previous?: StatementTables): StatementTables {
  if (broken) return UNPARSED
  const depth = maxDepth(tokens, start, end)
  if (depth < 0) return UNPARSED
  // Room for every depth before the scan's loop (see grown.ts).
  reserveDepth(depth)
  const c = collector.reset(tokens, start, end)
  try {
    const verb = dispatch(c, start)
    const tables = c.result(previous?.tables)
    if (verb === undefined || tables === null) return UNPARSED
    // The statement before it in the text found the same: one result for both.
    if (
      previous !== undefined &&
      previous.verb === verb &&
      (tables === previous.tables || (tables.length === 0 && previous.tables === NONE))
    ) {
      return previous
    }
    return { verb, tables: tables.length === 0 ? NONE : Object.freeze(tables) }
  } finally {
    c.clear()
  }
}

// One collector for every statement (extraction is synchronous and never nested).
const collector = new TableCollector()

/** How deep the parentheses of `tokens[start, end)` nest, or -1 when they are not balanced. */
function maxDepth(tokens: Tokens, start: number, end: number): number {
  const kinds = tokens.kinds
  let depth = 0
  let max = 0
  for (let i = start; i < end; i++) {
    const kind = kinds[i]! & KIND_MASK
    if (kind === K.LParen) {
      if (++depth > max) max = depth
    } else if (kind === K.RParen && --depth < 0) return -1
  }
  return depth === 0 ? max : -1
}
