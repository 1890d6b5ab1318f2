/**
 * Character classes of the ASCII range for the lexer. Everything above it is part of a
 * word (names in any script) except the no-break space and BOM, which count as space;
 * that keeps the hot loop to one table lookup per character.
 */
/** Whitespace. */
export const SPACE = 1
/** May start a word. */
export const WORD = 2
/** May continue a word. */
export const PART = 4
/** 0-9. */
export const DIGIT = 8
/** May be part of an operator. */
export const OP = 16
/** `(`, `)`, `,`, `;`, `[`, `]`: a token of one character, never part of a comment, name or number. */
export const PUNCT = 32

/** Class bits of each ASCII character code. */
export const CLASS = new Uint8Array(128)
for (const c of [9, 10, 11, 12, 13, 32]) CLASS[c] = SPACE
for (let c = 65; c <= 90; c++) {
  CLASS[c] = WORD | PART
  CLASS[c + 32] = WORD | PART
}
CLASS[95] = WORD | PART // _
CLASS[36] = PART // $ continues a name in both dialects
for (let c = 48; c <= 57; c++) CLASS[c] = DIGIT | PART
for (const ch of '+-*/<>=~!@#%^&|') CLASS[ch.charCodeAt(0)] = OP
for (const ch of '(),;[]') CLASS[ch.charCodeAt(0)] = PUNCT

/** Whether `c` can continue a word; NaN (past the end) cannot. */
export function isPart(c: number): boolean {
  return c < 128 ? (CLASS[c]! & PART) !== 0 : c >= 128 && c !== 0xa0 && c !== 0xfeff
}

/** Whether `c` can start a word; NaN (past the end) cannot. */
export function isWordStart(c: number): boolean {
  return c < 128 ? (CLASS[c]! & WORD) !== 0 : c >= 128 && c !== 0xa0 && c !== 0xfeff
}

/** 0-9. */
export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57
}

/** 0-9, a-f, A-F. */
export function isHex(c: number): boolean {
  return isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102)
}
