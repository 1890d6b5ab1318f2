import { TokenKind as K, type Tokens } from './token.js'

/**
 * Half-open token ranges `[start0, end0, start1, end1, ...]` of the statements in
 * `tokens`, split at `;`. Semicolons inside strings, comments and dollar quotes never
 * reach here (the lexer swallowed them); empty statements are dropped.
 *
 * @example
 * statementRanges(tokenize('BEGIN; SELECT 1;', false)) // [0, 1, 2, 4]
 */
export function statementRanges(tokens: Tokens): number[] {
  const ranges: number[] = []
  let start = 0
  for (let i = 0; i <= tokens.length; i++) {
    if (i < tokens.length && tokens.kind(i) !== K.Semicolon) continue
    if (i > start) ranges.push(start, i)
    start = i + 1
  }
  return ranges
}
