import { grownI32, grownU8, grownU16, roomFor } from './grown.js'

/**
 * Kinds of lexical token. Plain numbers rather than an `enum` so the hot loops compare
 * small integers and `isolatedModules` builds need no enum emit.
 */
export const TokenKind = {
  /** Unquoted identifier or keyword; mysql `@var` and `@@var` too. */
  Word: 0,
  /** Quoted identifier: `"x"` (pg), `` `x` `` (both dialects). */
  Quoted: 1,
  /** String literal in any form: `'x'`, `E'x'`, `X'ff'`, `$$x$$`, `$tag$x$tag$`. */
  String: 2,
  /** mysql `"x"`: a string literal by default, an identifier under ANSI_QUOTES. */
  DoubleQuoted: 3,
  Number: 4,
  /** Placeholder: `$1`, `?`, `:name`. */
  Param: 5,
  Operator: 6,
  LParen: 7,
  RParen: 8,
  LBracket: 9,
  RBracket: 10,
  Comma: 11,
  Semicolon: 12,
  Dot: 13,
  /** Any other character (`{`, `\`, control characters): kept, never fatal. */
  Other: 14,
  /** Past the end of a statement: what lookahead sees instead of `undefined`. */
  Eof: 15,
} as const

/** One of {@link TokenKind}'s values. */
export type TokenKind = (typeof TokenKind)[keyof typeof TokenKind]

/** Bit of {@link Tokens.kinds}: whitespace or a comment came before the token. */
export const SPACE_BEFORE = 0x10
/** Mask of the kind in {@link Tokens.kinds}. */
export const KIND_MASK = 0x0f

/** Tokens a {@link Tokens} list keeps room for after a call; a longer text's arrays are released. */
const KEPT_CAPACITY = 1 << 14

/**
 * The tokens of one text, as parallel typed arrays rather than an object per token, so
 * lexing a megabyte allocates no JavaScript object at all. One list is reused by every
 * call of the lexer (analysis is synchronous): whoever lexes calls {@link release} when
 * done, which drops the text (no statement's values stay reachable from here) and the
 * arrays of a very long text.
 *
 * A token's text is made only when asked for ({@link tokenText}): Word: lower-cased
 * (keywords are shared strings: {@link keywords} holds their index + 1); Quoted: the
 * name without its quotes; DoubleQuoted: the content (read only where a table name
 * must stand); operators and punctuation: as written; String, Number, Param: empty, so
 * no value a statement was sent with can leak into a table name or a fingerprint.
 */
export class Tokens {
  /** Kind ({@link TokenKind}) in the low bits, {@link SPACE_BEFORE} above. */
  kinds = new Uint8Array(256)
  /** Index + 1 of the word in the keyword table, or 0. */
  keywords = new Uint16Array(256)
  /** Where each token starts in the text: mysql names keep their case, read from there. */
  starts = new Int32Array(256)
  /** Where each token ends in the text. */
  ends = new Int32Array(256)
  length = 0
  /** Index of the first token whose string or quoted name never closes, or -1. */
  brokenAt = -1
  /** The text lexed (until {@link release}). */
  sql = ''
  mysql = false
  /** The arrays the list starts with, taken back by {@link release} after a long text. */
  private readonly small = { kinds: this.kinds, keywords: this.keywords, starts: this.starts, ends: this.ends }

  /** Appends a token. */
  push(kind: number, keyword: number, start: number, end: number, space: boolean): void {
    const k = this.length
    if (k === this.kinds.length) this.grow()
    this.kinds[k] = space ? kind | SPACE_BEFORE : kind
    this.keywords[k] = keyword
    this.starts[k] = start
    this.ends[k] = end
    this.length = k + 1
  }

  /** The kind of token `k`. */
  kind(k: number): number {
    return this.kinds[k]! & KIND_MASK
  }

  /**
   * Makes room for `count` tokens, outside the lexer's loop (growing inside it would be
   * code only long texts run, where V8 drops the loop's optimised code: see grown.ts).
   */
  reserve(count: number): void {
    // One allocation of the final size (doubling from 256 to a megabyte's 2^18 tokens
    // copied and zero-filled every size on the way), by the same operations for every
    // text (see grown.ts).
    this.resize(roomFor(this.kinds.length, count))
  }

  /** Forgets the text, and the arrays when a long text made them large. */
  release(): void {
    this.sql = ''
    this.length = 0
    // The same operations whatever the text's length: code that only a long text runs
    // would be met first by a long text, where V8 drops the caller's optimised code
    // (see lexer.ts's tokenize). Storing the fields every time also keeps V8 from
    // compiling them in as constants, and dropping that code when a long text changes them.
    const big = this.kinds.length > KEPT_CAPACITY
    const { kinds, keywords, starts, ends } = this.small
    this.kinds = big ? kinds : this.kinds
    this.keywords = big ? keywords : this.keywords
    this.starts = big ? starts : this.starts
    this.ends = big ? ends : this.ends
  }

  /** Doubles the room. */
  grow(): void {
    this.resize(this.kinds.length * 2)
  }

  private resize(size: number): void {
    this.kinds = grownU8(this.kinds, size)
    this.keywords = grownU16(this.keywords, size)
    this.starts = grownI32(this.starts, size)
    this.ends = grownI32(this.ends, size)
  }
}
