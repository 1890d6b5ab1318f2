import { CLASS, DIGIT, isDigit, isPart, isWordStart, OP, PART, SPACE, WORD } from './char-class.js'
import { keywordAt, keywordHash, MAX_KEYWORD_LENGTH } from './keyword-table.js'
import { commentAt, dollarQuoteEnd, isStringPrefix, numberEnd, operatorEnd, quotedEnd, unquote } from './literal-end.js'
import { TokenKind as K, type Token } from './token.js'

/** What {@link tokenize} returns. */
export interface Lexed {
  readonly tokens: Token[]
  /** Index of the first token whose string or quoted name never closes, or -1. */
  readonly brokenAt: number
}

function token(kind: K, text: string, start: number, end: number, space: boolean): Token {
  return { kind, text, start, end, space }
}

/**
 * Splits SQL text into tokens in one pass over its character codes, dropping comments
 * (`--`, mysql `#`, `/* *\/`, nested in pg). Linear in the length of `sql`, never throws:
 * an unterminated string runs to the end and is reported through `brokenAt`.
 *
 * @example
 * tokenize("SELECT 'x' FROM t", false).tokens.map((t) => t.text) // ['select', '', 'from', 't']
 */
export function tokenize(sql: string, mysql: boolean): Lexed {
  const tokens: Token[] = []
  const n = sql.length
  let brokenAt = -1
  let space = false
  let i = 0
  while (i < n) {
    const c = sql.charCodeAt(i)
    const cls = c < 128 ? CLASS[c]! : c === 0xa0 || c === 0xfeff ? SPACE : WORD | PART
    if (cls & SPACE) {
      space = true
      i++
      continue
    }
    const next = sql.charCodeAt(i + 1)
    const afterComment = commentAt(sql, i, c, next, mysql)
    if (afterComment >= 0) {
      i = afterComment
      space = true
      continue
    }
    let j = i + 1
    let kind: K = K.Other
    let text = ''
    if (cls & WORD || (c === 36 && mysql) || (c === 64 && mysql && (next === 64 || isPart(next)))) {
      let hash = keywordHash(0, c)
      for (; j < n; j++) {
        const d = sql.charCodeAt(j)
        if (!isPart(d) && !(c === 64 && d === 64)) break
        hash = keywordHash(hash, d)
      }
      const q = sql.charCodeAt(j)
      if (q === 39 && isStringPrefix(sql, i, j, mysql)) {
        // E'..', X'..', B'..', N'..', mysql _charset'..': one literal, the prefix included.
        const end = quotedEnd(sql, j + 1, 39, mysql || (j === i + 1 && (c | 32) === 101))
        if (end < 0 && brokenAt < 0) brokenAt = tokens.length
        kind = K.String
        j = end < 0 ? n : end
      } else if (q === 38 && j === i + 1 && (c | 32) === 117 && !mysql && (sql.charCodeAt(j + 1) === 39 || sql.charCodeAt(j + 1) === 34)) {
        // U&'..' is a string, U&".." a quoted name: pg's Unicode-escape forms.
        const quote = sql.charCodeAt(j + 1)
        const end = quotedEnd(sql, j + 2, quote, false)
        if (end < 0 && brokenAt < 0) brokenAt = tokens.length
        kind = quote === 39 ? K.String : K.Quoted
        if (kind === K.Quoted) text = unquote(sql, j + 2, end < 0 ? n : end - 1, '"')
        j = end < 0 ? n : end
      } else {
        kind = K.Word
        text = (j - i <= MAX_KEYWORD_LENGTH && keywordAt(sql, i, j, hash)) || sql.slice(i, j).toLowerCase()
      }
    } else if (cls & DIGIT || (c === 46 && isDigit(next) && !afterName(tokens))) {
      j = numberEnd(sql, i)
      kind = K.Number
      // mysql allows names that start with digits (`1st_table`).
      if (mysql && j < n && isPart(sql.charCodeAt(j)) && !isDigit(sql.charCodeAt(j))) {
        while (j < n && isPart(sql.charCodeAt(j))) j++
        kind = K.Word
        text = sql.slice(i, j).toLowerCase()
      }
    } else if (c === 39 || c === 34 || c === 96) {
      // '' doubles a quote everywhere; mysql strings also take backslash escapes.
      const end = quotedEnd(sql, j, c, mysql && c !== 96)
      if (end < 0 && brokenAt < 0) brokenAt = tokens.length
      const stop = end < 0 ? n : end - 1
      if (c === 39) kind = K.String
      else if (c === 34 && mysql) {
        kind = K.DoubleQuoted
        text = sql.slice(j, stop)
      } else {
        kind = K.Quoted
        text = unquote(sql, j, stop, c === 34 ? '"' : '`')
      }
      j = end < 0 ? n : end
    } else if (c === 36) {
      if (isDigit(next)) {
        while (j < n && isDigit(sql.charCodeAt(j))) j++
        kind = K.Param
      } else {
        const end = dollarQuoteEnd(sql, i)
        if (end === -2) {
          kind = K.Operator
          text = '$'
        } else {
          if (end < 0 && brokenAt < 0) brokenAt = tokens.length
          kind = K.String
          j = end < 0 ? n : end
        }
      }
    } else if (c === 63) {
      // pg's jsonb operators ?| and ?& are not placeholders.
      if (!mysql && (next === 124 || next === 38)) {
        j++
        kind = K.Operator
        text = sql.slice(i, j)
      } else kind = K.Param
    } else if (c === 58) {
      if (next === 58 || next === 61) {
        j++
        kind = K.Operator
        text = next === 58 ? '::' : ':='
      } else if (isWordStart(next)) {
        while (j < n && isPart(sql.charCodeAt(j))) j++
        kind = K.Param
      } else {
        kind = K.Operator
        text = ':'
      }
    } else if (c === 40) kind = K.LParen
    else if (c === 41) kind = K.RParen
    else if (c === 44) kind = K.Comma
    else if (c === 59) kind = K.Semicolon
    else if (c === 46) kind = K.Dot
    else if (c === 91) kind = K.LBracket
    else if (c === 93) kind = K.RBracket
    else if (cls & OP) {
      j = operatorEnd(sql, j, mysql)
      kind = K.Operator
      text = sql.slice(i, j)
    }
    if (kind >= K.LParen) text = sql[i]!
    tokens.push(token(kind, text, i, j, space))
    space = false
    i = j
  }
  return { tokens, brokenAt }
}

/** `.5` is a number unless a name precedes it (`t.5col` in mysql). */
function afterName(tokens: readonly Token[]): boolean {
  const last = tokens[tokens.length - 1]
  return last !== undefined && (last.kind === K.Word || last.kind === K.Quoted || last.kind === K.RParen)
}
