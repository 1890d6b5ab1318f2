import { CLASS, DIGIT, isDigit, isPart, isWordStart, OP, PART, PUNCT, SPACE, WORD } from './char-class.js'
import { codesOf } from './codes.js'
import { keywordHash, keywordIndexAt, keywordOf } from './keyword-table.js'
import { commentAt, dollarQuoteEnd, isStringPrefix, numberEnd, operatorEnd, quotedEnd, unquote } from './literal-end.js'
import { TokenKind as K, KIND_MASK, SPACE_BEFORE, Tokens } from './token.js'

/** The kind of each PUNCT character's token. */
const PUNCT_KIND = new Uint8Array(128)
PUNCT_KIND[40] = K.LParen
PUNCT_KIND[41] = K.RParen
PUNCT_KIND[44] = K.Comma
PUNCT_KIND[59] = K.Semicolon
PUNCT_KIND[91] = K.LBracket
PUNCT_KIND[93] = K.RBracket

// One list, reused by every call: analysis is synchronous and never lexes two texts at once.
const shared = new Tokens()

/**
 * Splits SQL text into tokens in one pass over its character codes, dropping comments
 * (`--`, mysql `#`, `/* *\/`, nested in pg). Linear in the length of `sql`, never throws:
 * an unterminated string runs to the end and is reported through `brokenAt`. Returns the
 * one shared {@link Tokens} list: valid until the next call; call its `release()` when done.
 * Allocates nothing but a longer array when the text has more tokens than any before.
 *
 * @example
 * const tokens = tokenize("SELECT 'x' FROM t", false)
 * tokenText(tokens, 2) // 'from'
 * tokens.release()
 */
export function tokenize(sql: string, mysql: boolean): Tokens {
  const tokens = shared
  tokens.length = 0
  tokens.sql = sql
  tokens.mysql = mysql
  tokens.brokenAt = -1
  // SQL text has a token per 4 to 6 characters: room for one per 4 characters left, and
  // lex() stops when that is full (in denser text), for more. Growing is done here, by
  // the same calls for every text (see grown.ts), not in lex(), where code only long
  // texts run would have V8 drop lex()'s optimised code mid-text.
  const n = sql.length
  // The text's code units, read by lex() instead of charCodeAt (codes.ts).
  const u = codesOf(sql)
  let i = 0
  let space = false
  do {
    tokens.reserve(tokens.length + 1 + ((n - i) >> 2))
    i = lex(tokens, sql, u, mysql, i, space)
    space = spaceAtStop
  } while (i < n)
  return tokens
}

/** Whether space came before the character where {@link lex} stopped for room. */
let spaceAtStop = false

/**
 * The lexer's loop: appends the tokens of `sql` (whose code units are `u`, see codes.ts)
 * from `i` on to `tokens` (`space`: space came before `i`), until the end or until the
 * arrays are full. Returns where it stopped.
 */
function lex(tokens: Tokens, sql: string, u: Uint16Array, mysql: boolean, i: number, space: boolean): number {
  const n = sql.length
  // The arrays in locals: the loop stores four per token.
  const kinds = tokens.kinds
  const keywords = tokens.keywords
  const starts = tokens.starts
  const ends = tokens.ends
  const room = kinds.length
  let count = tokens.length
  let brokenAt = tokens.brokenAt
  while (i < n) {
    if (count === room) break
    const c = u[i]!
    const cls = c < 128 ? CLASS[c]! : c === 0xa0 || c === 0xfeff ? SPACE : WORD | PART
    if (cls & SPACE) {
      space = true
      i++
      continue
    }
    if (cls & PUNCT) {
      // One character, stored at once: no comment, literal or name can start here.
      const kind = PUNCT_KIND[c]!
      kinds[count] = space ? kind | SPACE_BEFORE : kind
      keywords[count] = 0
      starts[count] = i
      ends[count] = i + 1
      count++
      space = false
      i++
      continue
    }
    const next = u[i + 1]! // 0 past the end
    // Only `-`, `/` and `#` (all of the operator class) can open a comment.
    const afterComment = cls & OP ? commentAt(sql, i, c, next, mysql) : -1
    if (afterComment >= 0) {
      i = afterComment
      space = true
      continue
    }
    let j = i + 1
    let kind: number = K.Other
    let keyword = 0
    if (cls & WORD || (c === 36 && mysql) || (c === 64 && mysql && (next === 64 || isPart(next)))) {
      let hash = keywordHash(0, c)
      for (; j < n; j++) {
        const d = u[j]!
        if (!isPart(d) && !(c === 64 && d === 64)) break
        hash = keywordHash(hash, d)
      }
      const q = u[j]! // 0 past the end
      if (q === 39 && isStringPrefix(sql, i, j, mysql)) {
        // E'..', X'..', B'..', N'..', mysql _charset'..': one literal, the prefix included.
        const end = quotedEnd(sql, j + 1, 39, mysql || (j === i + 1 && (c | 32) === 101))
        if (end < 0 && brokenAt < 0) brokenAt = count
        kind = K.String
        j = end < 0 ? n : end
      } else if (q === 38 && j === i + 1 && (c | 32) === 117 && !mysql && (u[j + 1] === 39 || u[j + 1] === 34)) {
        // U&'..' is a string, U&".." a quoted name: pg's Unicode-escape forms.
        const quote = u[j + 1]!
        const end = quotedEnd(sql, j + 2, quote, false)
        if (end < 0 && brokenAt < 0) brokenAt = count
        kind = quote === 39 ? K.String : K.Quoted
        j = end < 0 ? n : end
      } else {
        kind = K.Word
        keyword = keywordIndexAt(sql, i, j, hash)
      }
    } else if (cls & DIGIT || (c === 46 && isDigit(next) && !(count > 0 && afterName(kinds[count - 1]! & KIND_MASK)))) {
      j = numberEnd(sql, i)
      kind = K.Number
      // mysql allows names that start with digits (`1st_table`).
      if (mysql && j < n && isPart(u[j]!) && !isDigit(u[j]!)) {
        while (j < n && isPart(u[j]!)) j++
        kind = K.Word
      }
    } else if (c === 39 || c === 34 || c === 96) {
      // '' doubles a quote everywhere; mysql strings also take backslash escapes.
      const end = quotedEnd(sql, j, c, mysql && c !== 96)
      if (end < 0 && brokenAt < 0) brokenAt = count
      kind = c === 39 ? K.String : c === 34 && mysql ? K.DoubleQuoted : K.Quoted
      j = end < 0 ? n : end
    } else if (c === 36) {
      if (isDigit(next)) {
        while (j < n && isDigit(u[j]!)) j++
        kind = K.Param
      } else {
        const end = dollarQuoteEnd(sql, i)
        if (end === -2) kind = K.Operator
        else {
          if (end < 0 && brokenAt < 0) brokenAt = count
          kind = K.String
          j = end < 0 ? n : end
        }
      }
    } else if (c === 63) {
      // pg's jsonb operators ?| and ?& are not placeholders.
      if (!mysql && (next === 124 || next === 38)) {
        j++
        kind = K.Operator
      } else kind = K.Param
    } else if (c === 58) {
      if (next === 58 || next === 61) {
        j++
        kind = K.Operator
      } else if (isWordStart(next)) {
        while (j < n && isPart(u[j]!)) j++
        kind = K.Param
      } else kind = K.Operator
    } else if (c === 46) kind = K.Dot
    else if (cls & OP) {
      j = operatorEnd(sql, j, mysql)
      kind = K.Operator
    }
    kinds[count] = space ? kind | SPACE_BEFORE : kind
    keywords[count] = keyword
    starts[count] = i
    ends[count] = j
    count++
    space = false
    i = j
  }
  tokens.length = count
  tokens.brokenAt = brokenAt
  spaceAtStop = space
  return i
}

/** `.5` is a number unless a name precedes it (`t.5col` in mysql). */
function afterName(kind: number): boolean {
  return kind === K.Word || kind === K.Quoted || kind === K.RParen
}

/**
 * The text of token `k` (see {@link Tokens}), made on demand: a keyword is a shared
 * string; other words, names and operators are sliced from the text.
 */
export function tokenText(tokens: Tokens, k: number): string {
  const kind = tokens.kind(k)
  const sql = tokens.sql
  const start = tokens.starts[k]!
  const end = tokens.ends[k]!
  switch (kind) {
    case K.Word: {
      const keyword = tokens.keywords[k]!
      return keyword === 0 ? sql.slice(start, end).toLowerCase() : keywordOf(keyword)
    }
    case K.Quoted: {
      const u = sql.charCodeAt(start) !== 34 && sql.charCodeAt(start) !== 96 // U&"..."
      const from = u ? start + 3 : start + 1
      return unquote(sql, from, k === tokens.brokenAt ? end : end - 1, u || sql.charCodeAt(start) === 34 ? '"' : '`')
    }
    case K.DoubleQuoted:
      return sql.slice(start + 1, k === tokens.brokenAt ? end : end - 1)
    case K.String:
    case K.Number:
    case K.Param:
      return ''
    case K.Operator:
      return sql.slice(start, end)
    default:
      return sql[start]!
  }
}
