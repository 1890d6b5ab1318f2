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

/**
 * A lexical token. Literal tokens carry no text, so no value a statement was sent with
 * can leak into a table name or a fingerprint.
 */
export interface Token {
  readonly kind: TokenKind
  /**
   * Word: lower-cased (keywords are shared strings, so most words allocate nothing).
   * Quoted: the name without its quotes. DoubleQuoted: the content (read only where a
   * table name must stand). Operators and punctuation: as written. String, Number,
   * Param: empty.
   */
  readonly text: string
  /** Where the token starts in the text: mysql names keep their case, read from there. */
  readonly start: number
  /** Where the token ends in the text. */
  readonly end: number
  /** Whitespace or a comment came before this token. */
  readonly space: boolean
}

/** The token lookahead sees past the end of a statement. */
export const EOF: Token = Object.freeze({ kind: TokenKind.Eof, text: '', start: 0, end: 0, space: false })
