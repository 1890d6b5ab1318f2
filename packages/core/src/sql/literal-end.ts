import { CLASS, isDigit, isHex, isPart, OP } from './char-class.js'

/**
 * Scanners that find where a comment, literal or operator that starts at a given index
 * ends. Each is a loop over character codes or an `indexOf`, so lexing stays linear.
 */

/**
 * The code at `k`, or 0 past the end (where `charCodeAt` gives NaN, which every caller
 * reads as 0: no quote, digit or name character). A read past the end is compiled by V8
 * as a deopt until it has seen one: the first long text ending in a number or string,
 * in a process that has seen none, would run the rest of its scan in the interpreter.
 */
export function codeAt(sql: string, k: number): number {
  return k < sql.length ? sql.charCodeAt(k) : 0
}

/** Index after the newline that ends a line comment (or the end of the text). */
export function lineEnd(sql: string, from: number): number {
  const nl = sql.indexOf('\n', from)
  return nl < 0 ? sql.length : nl + 1
}

/**
 * Index after the comment that starts at `i` (`--` or mysql's `#` to the end of the
 * line; a block comment, nested in pg), or -1 when none starts there. `c` and `next` are the
 * codes at `i` and `i + 1`. mysql reads `--` as a comment only before whitespace, so
 * `1--1` stays arithmetic.
 */
export function commentAt(sql: string, i: number, c: number, next: number, mysql: boolean): number {
  if ((c === 45 && next === 45 && (!mysql || i + 2 >= sql.length || sql.charCodeAt(i + 2) <= 32)) || (c === 35 && mysql)) {
    return lineEnd(sql, i + 1)
  }
  if (c === 47 && next === 42) return commentEnd(sql, i + 2, !mysql)
  return -1
}

/** Index after the `*\/` that closes a block comment; pg nests them. Unclosed: the end. */
export function commentEnd(sql: string, j: number, nested: boolean): number {
  const n = sql.length
  if (!nested) {
    const end = sql.indexOf('*/', j)
    return end < 0 ? n : end + 2
  }
  let depth = 1
  while (j < n) {
    const c = sql.charCodeAt(j)
    if (c === 42 && codeAt(sql, j + 1) === 47) {
      j += 2
      if (--depth === 0) return j
    } else if (c === 47 && codeAt(sql, j + 1) === 42) {
      depth++
      j += 2
    } else j++
  }
  return n
}

/** Index after the quote that closes a literal opened before `j`, or -1. */
export function quotedEnd(sql: string, j: number, quote: number, backslash: boolean): number {
  const n = sql.length
  if (!backslash) {
    const q = String.fromCharCode(quote)
    for (;;) {
      const k = sql.indexOf(q, j)
      if (k < 0) return -1
      if (codeAt(sql, k + 1) !== quote) return k + 1
      j = k + 2
    }
  }
  while (j < n) {
    const c = sql.charCodeAt(j)
    if (c === 92) j += 2
    else if (c === quote) {
      if (codeAt(sql, j + 1) !== quote) return j + 1
      j += 2
    } else j++
  }
  return -1
}

/** The name between quotes at `[from, to)`, doubled quotes undone. */
export function unquote(sql: string, from: number, to: number, quote: string): string {
  const s = sql.slice(from, to)
  return s.includes(quote + quote) ? s.replaceAll(quote + quote, quote) : s
}

/** End of `$tag$...$tag$` starting at `i`: -1 when unclosed, -2 when `$` opens no tag. */
export function dollarQuoteEnd(sql: string, i: number): number {
  let j = i + 1
  while (j < sql.length && sql.charCodeAt(j) !== 36 && isPart(sql.charCodeAt(j))) j++
  if (codeAt(sql, j) !== 36) return -2
  const tag = sql.slice(i, j + 1)
  const end = sql.indexOf(tag, j + 1)
  return end < 0 ? -1 : end + tag.length
}

/** End of a number at `i`: digits (with `_` separators), fraction, exponent, or `0x`/`0b` forms. */
export function numberEnd(sql: string, i: number): number {
  const n = sql.length
  let j = i
  const c1 = codeAt(sql, i + 1) | 32
  if (sql.charCodeAt(i) === 48 && (c1 === 120 || c1 === 98) && isHex(codeAt(sql, i + 2))) {
    j = i + 2
    while (j < n && isHex(sql.charCodeAt(j))) j++
    return j
  }
  while (j < n && (isDigit(sql.charCodeAt(j)) || (sql.charCodeAt(j) === 95 && isDigit(codeAt(sql, j + 1))))) j++
  if (codeAt(sql, j) === 46) {
    j++
    while (j < n && isDigit(sql.charCodeAt(j))) j++
  }
  if ((codeAt(sql, j) | 32) === 101) {
    let k = j + 1
    if (codeAt(sql, k) === 43 || codeAt(sql, k) === 45) k++
    if (isDigit(codeAt(sql, k))) {
      j = k
      while (j < n && isDigit(sql.charCodeAt(j))) j++
    }
  }
  return j
}

/**
 * End of an operator run. A `+` or `-` after the first character starts a new token, as
 * in pg's own lexer, so the sign of `=-1` stays with its number; comment openers end it.
 */
export function operatorEnd(sql: string, j: number, mysql: boolean): number {
  const n = sql.length
  while (j < n) {
    const c = sql.charCodeAt(j)
    if (c >= 128 || (CLASS[c]! & OP) === 0 || c === 43 || c === 45) break
    if (c === 47 && codeAt(sql, j + 1) === 42) break
    if (c === 35 && mysql) break
    j++
  }
  return j
}

/** Whether the word at `[i, j)` prefixes a string literal: E, X, B, N, or mysql `_charset`. */
export function isStringPrefix(sql: string, i: number, j: number, mysql: boolean): boolean {
  if (j === i + 1) {
    const c = sql.charCodeAt(i) | 32
    return c === 101 || c === 120 || c === 98 || c === 110 // e x b n
  }
  return mysql && sql.charCodeAt(i) === 95 // _utf8mb4'...'
}
