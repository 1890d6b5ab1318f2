import { boundUnits, fromUnits } from '../accounting/bounds.js'
import { grownI32, grownU16, roomFor } from './grown.js'
import { KEYWORD_COUNT, keywordOf } from './keyword-table.js'
import { BEFORE_OPERAND } from './keywords.js'
import { tokenize } from './lexer.js'
import { statementRanges } from './split.js'
import { TokenKind as K, KIND_MASK, SPACE_BEFORE, type Tokens } from './token.js'
import type { SqlDialect } from './types.js'

// The fingerprint being written, as UTF-16 code units, and the stack of the parenthesised
// or bracketed groups open in it. Shared by every call
// (a fingerprint is written in one synchronous pass), so a megabyte of text allocates no
// object per token or per parenthesis; only the finished string is made.
let out = new Uint16Array(1024)
let length = 0
/**
 * The groups open below the current one (whose state {@link write} keeps in locals), 4
 * Int32s each: META (its closing kind, FLAG_* bits and lead length, packed), TEXT
 * (where its text, from its opener, begins in `out`: its lead is the 0 to 2 units before,
 * `, ` after `<group>,`, else a space or nothing), LAST and LAST_END (where its last direct
 * child group's text begins and ends in `out`, for the repeat check; LAST -1: none yet).
 * Its state (0: a child group just closed; 1: then a comma, held back until we know what
 * follows; 2: else) is 2 while a child is open, and 0 when the child closes.
 */
let stack = new Int32Array(64 * 4)

/** Opened right after `<group>,`: a repeat of the previous group is dropped. */
const AFTER_GROUP_COMMA = 1
/** So far its content is `?` or `?, ?, ...`. */
const ONLY_VALUES = 2
/** Its content so far ends with a comma (or is empty). */
const WANT_VALUE = 4

/** Output and stack past these sizes are released after the call. */
const KEPT_OUT = 1 << 16
const KEPT_STACK = (1 << 10) * 4

function put(c: number): void {
  if (length === out.length) out = grownU16(out, out.length * 2)
  out[length++] = c
}

/** Makes room for `extra` more code units (room() made it for all but lower case that lengthens a name). */
function reserve(extra: number): void {
  if (length + extra > out.length) out = grownU16(out, Math.max(out.length * 2, length + extra))
}

function putString(s: string): void {
  reserve(s.length)
  const o = out
  let n = length
  for (let i = 0; i < s.length; i++) o[n++] = s.charCodeAt(i)
  length = n
}

// The buffers every call starts with, taken back after a long statement by the same
// operations whatever the statement (see grown.ts).
const SMALL_OUT = out
const SMALL_STACK = stack

function release(): void {
  length = 0
  out = out.length > KEPT_OUT ? SMALL_OUT : out
  stack = stack.length > KEPT_STACK ? SMALL_STACK : stack
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
    // Room for all write() can write, made here by the same operations for every statement
    // (see grown.ts): write()'s checks never grow.
    room(tokens, start, end)
    write(tokens, start, end)
    // The same as the statement before it in the text: that string, not a new one.
    if (previous !== undefined && previous.length === length && length <= max && equals(previous)) return previous
    return max === Number.POSITIVE_INFINITY ? fromUnits(out, 0, length) : boundUnits(out, length, max)
  } finally {
    release()
  }
}

/**
 * Makes room for the fingerprint of `tokens[start, end)`: the characters the tokens span
 * and a unit per comma (a space after it where the text had none, or `, ` before a group
 * whose comma was held), and a group per `(` or `[`.
 */
function room(tokens: Tokens, start: number, end: number): void {
  const kinds = tokens.kinds
  let openers = 0
  let commas = 0
  for (let i = start; i < end; i++) {
    const kind = kinds[i]! & KIND_MASK
    openers += kind === K.LParen || kind === K.LBracket ? 1 : 0
    commas += kind === K.Comma ? 1 : 0
  }
  length = 0
  const span = end > start ? tokens.ends[end - 1]! - tokens.starts[start]! : 0
  out = grownU16(out, roomFor(out.length, span + commas + 16))
  stack = grownI32(stack, roomFor(stack.length, (openers + 1) * 4))
}

/** Whether a keyword (by its index) comes before an operand: a `-` after it is a sign. */
const BEFORE_OPERAND_INDEX = new Uint8Array(KEYWORD_COUNT + 1)
for (let k = 1; k <= KEYWORD_COUNT; k++) BEFORE_OPERAND_INDEX[k] = BEFORE_OPERAND.has(keywordOf(k)) ? 1 : 0

/**
 * Writes the fingerprint of `tokens[start, end)` into `out[0, length)`. The buffer, its
 * length and the open group's state are locals in the loop (module variables are read
 * through the module's context at every access: a megabyte of parentheses paid 37 ms);
 * the groups below it are saved in `stack`.
 */
function write(tokens: Tokens, start: number, end: number): void {
  const kinds = tokens.kinds
  const starts = tokens.starts
  const ends = tokens.ends
  const keywords = tokens.keywords
  const sql = tokens.sql
  const beforeOperand = BEFORE_OPERAND_INDEX
  let o = out
  let n = 0
  let saved = stack
  let sp = 0
  // The group open now (at first the statement itself): see `stack`.
  let close: number = K.Eof
  let lead = 0
  let text = 0
  let last = -1
  let lastEnd = 0
  let flags = ONLY_VALUES | WANT_VALUE
  let state = 2
  let lastKind: number = K.Eof
  let operand = false // the last token ends an operand: a `-` after it is arithmetic
  let signSpace = false
  for (let i = start; i < end; i++) {
    // Room for all a token other than a name writes (a comma, a lead, two characters).
    if (o.length - n < 8) {
      length = n
      reserve(8)
      o = out
    }
    const raw = kinds[i]!
    const kind = raw & KIND_MASK
    let space = (raw & SPACE_BEFORE) !== 0 || signSpace
    signSpace = false
    if (
      kind === K.Operator &&
      !operand &&
      ends[i]! - starts[i]! === 1 &&
      (sql.charCodeAt(starts[i]!) === 45 || sql.charCodeAt(starts[i]!) === 43) &&
      i + 1 < end &&
      (kinds[i + 1]! & KIND_MASK) === K.Number
    ) {
      signSpace = (raw & SPACE_BEFORE) !== 0
      continue
    }
    if (lastKind === K.Eof || kind === K.Comma || kind === K.RParen || kind === K.RBracket || kind === K.Semicolon) space = false
    else if (lastKind === K.LParen || lastKind === K.LBracket) space = false
    else if (lastKind === K.Comma) space = true
    lastKind = kind
    if (kind === K.LParen || kind === K.LBracket) {
      const afterGroupComma = state === 1
      flags &= ~(ONLY_VALUES | WANT_VALUE)
      // Never true (fingerprintTokens() made room for every opener), but cheap.
      if (sp + 4 > saved.length) stack = saved = grownI32(saved, saved.length * 2)
      saved[sp] = close | (flags << 4) | ((text - lead) << 7)
      saved[sp + 1] = text
      saved[sp + 2] = last
      saved[sp + 3] = lastEnd
      sp += 4
      close = kind + 1
      lead = n
      if (afterGroupComma) {
        o[n++] = 44
        o[n++] = 32
      } else if (space) o[n++] = 32
      text = n
      o[n++] = kind === K.LParen ? 40 : 91
      last = -1
      flags = ONLY_VALUES | WANT_VALUE | (afterGroupComma ? AFTER_GROUP_COMMA : 0)
      state = 2
      operand = false
      continue
    }
    if (state === 1) {
      o[n++] = 44
      state = 2
    }
    if ((kind === K.RParen || kind === K.RBracket) && close === kind) {
      if ((flags & (ONLY_VALUES | WANT_VALUE)) === ONLY_VALUES) {
        n = text + 1
        o[n++] = 63
      }
      o[n++] = kind === K.RParen ? 41 : 93
      const from = text
      const childFlags = flags
      const childLead = lead
      sp -= 4
      const meta = saved[sp]!
      close = meta & 15
      flags = (meta >> 4) & 7
      text = saved[sp + 1]!
      lead = text - (meta >>> 7)
      last = saved[sp + 2]!
      lastEnd = saved[sp + 3]!
      if (childFlags & AFTER_GROUP_COMMA && last >= 0 && same(last, lastEnd, from, n)) n = childLead
      else {
        last = from
        lastEnd = n
      }
      state = 0
      operand = true
      continue
    }
    if (kind === K.Comma) {
      if (flags & WANT_VALUE) flags &= ~ONLY_VALUES
      flags |= WANT_VALUE
      if (state === 0) state = 1
      else o[n++] = 44
      operand = false
      continue
    }
    if (space) o[n++] = 32
    if (kind === K.String || kind === K.Number || kind === K.Param || kind === K.DoubleQuoted) {
      if (!(flags & WANT_VALUE)) flags &= ~ONLY_VALUES
      o[n++] = 63
      operand = true
    } else {
      flags &= ~ONLY_VALUES
      length = n
      putToken(tokens, i, kind)
      n = length
      o = out
      operand = kind === K.Quoted || kind === K.RParen || kind === K.RBracket || (kind === K.Word && beforeOperand[keywords[i]!] === 0)
    }
    flags &= ~WANT_VALUE
    state = 2
  }
  length = n
  // Groups left open (unbalanced text) are written as they stand; only the open one can
  // hold a comma back (each below it is in state 2).
  if (state === 1) put(44)
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
