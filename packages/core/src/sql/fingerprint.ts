import { BEFORE_OPERAND } from './keywords.js'
import { tokenize } from './lexer.js'
import { statementRanges } from './split.js'
import { TokenKind as K, type Token } from './token.js'
import type { SqlDialect } from './types.js'

/** A parenthesised or bracketed group being written, or the statement itself. */
interface Group {
  /** The kind of token that closes it. */
  readonly close: number
  /** What goes before its opener: `, ` after `<group>,`, else a space or nothing. */
  readonly lead: string
  /** Opened right after `<group>,`: a repeat of the previous group is dropped. */
  readonly afterGroupComma: boolean
  /** Its content so far. Each group writes its own string, so nothing written is ever cut out again. */
  out: string
  /** So far its content is `?` or `?, ?, ...`. */
  onlyValues: boolean
  /** Its content so far ends with a comma (or is empty). */
  wantValue: boolean
  /** Its last direct child group as written, for the repeat check. */
  last: string
  /** 0: a child group just closed; 1: then a comma, held back until we know what follows; 2: else. */
  state: number
}

function group(close: number, lead: string, afterGroupComma: boolean): Group {
  return { close, lead, afterGroupComma, out: '', onlyValues: true, wantValue: true, last: '', state: 2 }
}

/**
 * Normalises the statement in `tokens[start, end)` so that statements differing only in
 * values share one fingerprint:
 *
 * - strings, numbers (a sign included where it is not arithmetic: `= -1`), placeholders
 *   (`$1`, `?`, `:name`) and mysql double-quoted strings become `?`; TRUE, FALSE and NULL
 *   stay words;
 * - a parenthesised or bracketed list of nothing but `?` becomes `(?)` / `[?]`, so
 *   `IN (1, 2, 3)` and `IN ($1)` are both `in (?)` (as is `coalesce($1, $2)`);
 * - a group repeated right after itself and a comma is dropped, so the rows of
 *   `VALUES (1, 'a'), (2, 'b')` become `values (?)`;
 * - comments go; whitespace becomes one space where the text had any, none before `,`,
 *   `)`, `]` or after `(`, `[`, always one after `,`;
 * - keywords and unquoted names are lower-cased; quoted names keep their case, without quotes.
 *
 * Linear in the number of tokens: each group builds its own string, so collapsing a list
 * never cuts text out of what was already written.
 *
 * @example
 * const { tokens } = tokenize('SELECT * FROM t WHERE id IN (1, 2, 3)', false)
 * fingerprintTokens(tokens, 0, tokens.length) // 'select * from t where id in (?)'
 */
export function fingerprintTokens(tokens: readonly Token[], start: number, end: number): string {
  const stack: Group[] = [group(-1, '', false)]
  let top = stack[0]!
  let lastKind: number = K.Eof
  let operand = false // the last token ends an operand: a `-` after it is arithmetic
  let signSpace = false
  for (let i = start; i < end; i++) {
    const t = tokens[i]!
    const kind = t.kind
    let space = t.space || signSpace
    signSpace = false
    if (kind === K.Operator && !operand && (t.text === '-' || t.text === '+') && i + 1 < end && tokens[i + 1]!.kind === K.Number) {
      signSpace = t.space
      continue
    }
    if (lastKind === K.Eof || kind === K.Comma || kind === K.RParen || kind === K.RBracket || kind === K.Semicolon) space = false
    else if (lastKind === K.LParen || lastKind === K.LBracket) space = false
    else if (lastKind === K.Comma) space = true
    lastKind = kind
    if (kind === K.LParen || kind === K.LBracket) {
      const afterGroupComma = top.state === 1
      top.onlyValues = false
      top.wantValue = false
      top.state = 2
      top = group(kind + 1, afterGroupComma ? ', ' : space ? ' ' : '', afterGroupComma)
      stack.push(top)
      operand = false
      continue
    }
    if (top.state === 1) {
      top.out += ','
      top.state = 2
    }
    if ((kind === K.RParen || kind === K.RBracket) && top.close === kind) {
      const g = top
      stack.pop()
      top = stack[stack.length - 1]!
      const paren = kind === K.RParen
      const text = g.onlyValues && !g.wantValue ? (paren ? '(?)' : '[?]') : paren ? `(${g.out})` : `[${g.out}]`
      if (!(g.afterGroupComma && text === top.last)) top.out += g.lead + text
      top.last = text
      top.state = 0
      operand = true
      continue
    }
    if (kind === K.Comma) {
      if (top.wantValue) top.onlyValues = false
      top.wantValue = true
      if (top.state === 0) top.state = 1
      else top.out += ','
      operand = false
      continue
    }
    if (space) top.out += ' '
    if (kind === K.String || kind === K.Number || kind === K.Param || kind === K.DoubleQuoted) {
      if (!top.wantValue) top.onlyValues = false
      top.out += '?'
      operand = true
    } else {
      top.onlyValues = false
      top.out += t.text
      operand = kind === K.Quoted || kind === K.RParen || kind === K.RBracket || (kind === K.Word && !BEFORE_OPERAND.has(t.text))
    }
    top.wantValue = false
    top.state = 2
  }
  // Groups left open (unbalanced text) are written as they stand.
  while (stack.length > 1) {
    const g = stack.pop()!
    top = stack[stack.length - 1]!
    top.out += `${g.lead}${g.close === K.RParen ? '(' : '['}${g.out}${g.state === 1 ? ',' : ''}`
  }
  return flat(top.state === 1 ? `${top.out},` : top.out)
}

/**
 * Makes V8 flatten a string built by `+=`. Unflattened, a cached fingerprint would keep
 * one heap object per piece alive, which the garbage collector copies again and again.
 */
function flat(s: string): string {
  // The numeric conversion is what flattens it (the trick of the `flatstr` package).
  void (Number(s) | 0)
  return s
}

/**
 * Fingerprint of SQL text (see {@link fingerprintTokens} for the rules); statements of a
 * multi-statement text are joined with `; `. Never contains a literal value.
 *
 * @example
 * fingerprintSql('SELECT * FROM users WHERE id = 42', 'pg') // 'select * from users where id = ?'
 */
export function fingerprintSql(text: string, dialect: SqlDialect): string {
  const { tokens } = tokenize(text, dialect === 'mysql')
  const ranges = statementRanges(tokens)
  const parts: string[] = []
  for (let i = 0; i < ranges.length; i += 2) parts.push(fingerprintTokens(tokens, ranges[i]!, ranges[i + 1]!))
  return parts.join('; ')
}
