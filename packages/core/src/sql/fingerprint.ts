import { boundUnits, fromUnits } from '../accounting/bounds.js'
import { grown } from './grown.js'
import { keywordOf } from './keyword-table.js'
import { BEFORE_OPERAND } from './keywords.js'
import { tokenize } from './lexer.js'
import { statementRanges } from './split.js'
import { TokenKind as K, KIND_MASK, SPACE_BEFORE, type Tokens } from './token.js'
import type { SqlDialect } from './types.js'

// The fingerprint being written, as UTF-16 code units, and the stack of the parenthesised
// or bracketed groups open in it (index 0: the statement itself). Shared by every call
// (a fingerprint is written in one synchronous pass), so a megabyte of text allocates no
// object per token or per parenthesis; only the finished string is made.
let out = new Uint16Array(1024)
let length = 0
let stackSize = 64
/** The kind of token that closes the group. */
let close = new Uint8Array(stackSize)
/** Where the group begins in `out`: its lead (`, ` after `<group>,`, else a space or nothing). */
let leadAt = new Int32Array(stackSize)
/** Where its text (from its opener) begins in `out`. */
let textAt = new Int32Array(stackSize)
/** Where its last direct child group's text begins and ends in `out`, for the repeat check; -1: none yet. */
let lastAt = new Int32Array(stackSize)
let lastEnd = new Int32Array(stackSize)
/** FLAG_* bits. */
let flags = new Uint8Array(stackSize)
/** 0: a child group just closed; 1: then a comma, held back until we know what follows; 2: else. */
let state = new Uint8Array(stackSize)

/** Opened right after `<group>,`: a repeat of the previous group is dropped. */
const AFTER_GROUP_COMMA = 1
/** So far its content is `?` or `?, ?, ...`. */
const ONLY_VALUES = 2
/** Its content so far ends with a comma (or is empty). */
const WANT_VALUE = 4

/** Output and stack past these sizes are released after the call. */
const KEPT_OUT = 1 << 16
const KEPT_STACK = 1 << 10

function put(c: number): void {
  if (length === out.length) out = grown(out, out.length * 2)
  out[length++] = c
}

/** Makes room for `extra` more code units. */
function reserve(extra: number): void {
  if (length + extra <= out.length) return
  out = grown(out, Math.max(out.length * 2, length + extra))
}

function putString(s: string): void {
  reserve(s.length)
  const o = out
  let n = length
  for (let i = 0; i < s.length; i++) o[n++] = s.charCodeAt(i)
  length = n
}

function growStack(): void {
  const size = stackSize * 2
  close = grown(close, size)
  leadAt = grown(leadAt, size)
  textAt = grown(textAt, size)
  lastAt = grown(lastAt, size)
  lastEnd = grown(lastEnd, size)
  flags = grown(flags, size)
  state = grown(state, size)
  stackSize = size
}

function release(): void {
  length = 0
  if (out.length > KEPT_OUT) out = new Uint16Array(1024)
  if (stackSize > KEPT_STACK) {
    stackSize = 64
    close = new Uint8Array(64)
    leadAt = new Int32Array(64)
    textAt = new Int32Array(64)
    lastAt = new Int32Array(64)
    lastEnd = new Int32Array(64)
    flags = new Uint8Array(64)
    state = new Uint8Array(64)
  }
}

/** Writes the text of token `k` as the fingerprint shows it (not a literal: those are `?`). */
function putToken(tokens: Tokens, k: number, kind: number): void {
  const sql = tokens.sql
  const start = tokens.starts[k]!
  const end = tokens.ends[k]!
  if (kind === K.Word) {
    const keyword = tokens.keywords[k]!
    if (keyword !== 0) {
      putString(keywordOf(keyword))
      return
    }
    // One pass, lower-casing ASCII; past ASCII, lower case is the language's (it may
    // change the length), so the word is written again from its lower-cased string.
    reserve(end - start)
    const o = out
    let n = length
    for (let i = start; i < end; i++) {
      const c = sql.charCodeAt(i)
      if (c >= 128) {
        putString(sql.slice(start, end).toLowerCase())
        return
      }
      o[n++] = c >= 65 && c <= 90 ? c + 32 : c
    }
    length = n
    return
  }
  if (kind === K.Quoted) {
    // The name without its quotes, doubled quotes undone.
    const first = sql.charCodeAt(start)
    const quote = first === 96 ? 96 : 34
    const from = first === 34 || first === 96 ? start + 1 : start + 3 // U&"..."
    const to = k === tokens.brokenAt ? end : end - 1
    reserve(to - from)
    const o = out
    let n = length
    for (let i = from; i < to; i++) {
      const c = sql.charCodeAt(i)
      o[n++] = c
      if (c === quote && i + 1 < to && sql.charCodeAt(i + 1) === quote) i++
    }
    length = n
    return
  }
  // Operators, punctuation and other characters: as written.
  if (end === start + 1) put(sql.charCodeAt(start))
  else {
    reserve(end - start)
    for (let i = start; i < end; i++) out[length++] = sql.charCodeAt(i)
  }
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
 * Linear in the number of tokens: the text is written into one buffer, a collapsed list
 * is cut from its end, and only the finished string (at most `max` characters: longer
 * ones are cut as `boundName` cuts them, with a hash of the whole) is made.
 *
 * @example
 * const tokens = tokenize('SELECT * FROM t WHERE id IN (1, 2, 3)', false)
 * fingerprintTokens(tokens, 0, tokens.length, 2048) // 'select * from t where id in (?)'
 *
 * `previous`: the fingerprint of the statement before it in the same text, returned as
 * it is when this one's is the same (a text of many equal statements makes one string).
 */
export function fingerprintTokens(tokens: Tokens, start: number, end: number, max: number, previous?: string): string {
  try {
    write(tokens, start, end)
    // The same as the statement before it in the text: that string, not a new one.
    if (previous !== undefined && previous.length === length && length <= max && equals(previous)) return previous
    return max === Number.POSITIVE_INFINITY ? fromUnits(out, 0, length) : boundUnits(out, length, max)
  } finally {
    release()
  }
}

function write(tokens: Tokens, start: number, end: number): void {
  const kinds = tokens.kinds
  const sql = tokens.sql
  length = 0
  let top = 0
  close[0] = K.Eof
  leadAt[0] = 0
  textAt[0] = 0
  lastAt[0] = -1
  flags[0] = ONLY_VALUES | WANT_VALUE
  state[0] = 2
  let lastKind: number = K.Eof
  let operand = false // the last token ends an operand: a `-` after it is arithmetic
  let signSpace = false
  for (let i = start; i < end; i++) {
    const raw = kinds[i]!
    const kind = raw & KIND_MASK
    let space = (raw & SPACE_BEFORE) !== 0 || signSpace
    signSpace = false
    if (
      kind === K.Operator &&
      !operand &&
      tokens.ends[i]! - tokens.starts[i]! === 1 &&
      (sql.charCodeAt(tokens.starts[i]!) === 45 || sql.charCodeAt(tokens.starts[i]!) === 43) &&
      i + 1 < end &&
      tokens.kind(i + 1) === K.Number
    ) {
      signSpace = (raw & SPACE_BEFORE) !== 0
      continue
    }
    if (lastKind === K.Eof || kind === K.Comma || kind === K.RParen || kind === K.RBracket || kind === K.Semicolon) space = false
    else if (lastKind === K.LParen || lastKind === K.LBracket) space = false
    else if (lastKind === K.Comma) space = true
    lastKind = kind
    if (kind === K.LParen || kind === K.LBracket) {
      const afterGroupComma = state[top] === 1
      flags[top]! &= ~(ONLY_VALUES | WANT_VALUE)
      state[top] = 2
      if (++top === stackSize) growStack()
      close[top] = kind + 1
      leadAt[top] = length
      if (afterGroupComma) {
        put(44)
        put(32)
      } else if (space) put(32)
      textAt[top] = length
      put(kind === K.LParen ? 40 : 91)
      lastAt[top] = -1
      flags[top] = ONLY_VALUES | WANT_VALUE | (afterGroupComma ? AFTER_GROUP_COMMA : 0)
      state[top] = 2
      operand = false
      continue
    }
    if (state[top] === 1) {
      put(44)
      state[top] = 2
    }
    if ((kind === K.RParen || kind === K.RBracket) && close[top] === kind) {
      const g = top--
      if ((flags[g]! & (ONLY_VALUES | WANT_VALUE)) === ONLY_VALUES) {
        length = textAt[g]! + 1
        put(63)
      }
      put(kind === K.RParen ? 41 : 93)
      const from = textAt[g]!
      if (flags[g]! & AFTER_GROUP_COMMA && lastAt[top]! >= 0 && same(lastAt[top]!, lastEnd[top]!, from, length)) length = leadAt[g]!
      else {
        lastAt[top] = from
        lastEnd[top] = length
      }
      state[top] = 0
      operand = true
      continue
    }
    if (kind === K.Comma) {
      if (flags[top]! & WANT_VALUE) flags[top]! &= ~ONLY_VALUES
      flags[top]! |= WANT_VALUE
      if (state[top] === 0) state[top] = 1
      else put(44)
      operand = false
      continue
    }
    if (space) put(32)
    if (kind === K.String || kind === K.Number || kind === K.Param || kind === K.DoubleQuoted) {
      if (!(flags[top]! & WANT_VALUE)) flags[top]! &= ~ONLY_VALUES
      put(63)
      operand = true
    } else {
      flags[top]! &= ~ONLY_VALUES
      putToken(tokens, i, kind)
      const keyword = tokens.keywords[i]!
      operand =
        kind === K.Quoted ||
        kind === K.RParen ||
        kind === K.RBracket ||
        (kind === K.Word && (keyword === 0 || !BEFORE_OPERAND.has(keywordOf(keyword))))
    }
    flags[top]! &= ~WANT_VALUE
    state[top] = 2
  }
  // Groups left open (unbalanced text) are written as they stand.
  for (let g = top; g >= 0; g--) if (state[g] === 1) put(44)
}

/** Whether `out[0, length)` holds `s`. */
function equals(s: string): boolean {
  for (let i = 0; i < length; i++) if (out[i] !== s.charCodeAt(i)) return false
  return true
}

/** Whether `out[a, aEnd)` and `out[b, bEnd)` hold the same text. */
function same(a: number, aEnd: number, b: number, bEnd: number): boolean {
  if (aEnd - a !== bEnd - b) return false
  for (; a < aEnd; a++, b++) if (out[a] !== out[b]) return false
  return true
}

/**
 * Fingerprint of SQL text (see {@link fingerprintTokens} for the rules); statements of a
 * multi-statement text are joined with `; `. Never contains a literal value.
 *
 * @example
 * fingerprintSql('SELECT * FROM users WHERE id = 42', 'pg') // 'select * from users where id = ?'
 */
export function fingerprintSql(text: string, dialect: SqlDialect): string {
  const tokens = tokenize(text, dialect === 'mysql')
  try {
    const ranges = statementRanges(tokens)
    const parts: string[] = []
    for (let i = 0; i < ranges.length; i += 2) parts.push(fingerprintTokens(tokens, ranges[i]!, ranges[i + 1]!, Number.POSITIVE_INFINITY))
    return parts.join('; ')
  } finally {
    tokens.release()
  }
}
