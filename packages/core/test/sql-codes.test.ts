import { describe, expect, it } from 'vitest'
import { analyzeSqlUncached } from '../src/sql/analyze.js'
import { codesOf, KEPT_UNITS } from '../src/sql/codes.js'
import { sqlShape } from '../src/sql/shape.js'

/** `charCodeAt` over the whole text, then the two zeros codesOf() promises. */
function expected(text: string): number[] {
  const out: number[] = []
  for (let i = 0; i < text.length; i++) out.push(text.charCodeAt(i))
  return [...out, 0, 0]
}

describe('codesOf (the code units the SQL passes read)', () => {
  it('gives every UTF-16 code unit as charCodeAt does, lone surrogates and NUL included, then two zeros', () => {
    for (const text of [
      '',
      'a',
      "SELECT 'é' FROM t",
      'SELECT "名前" FROM 表',
      '\ud83d\ude00 \ud800 x \udc00',
      'a\u0000b',
      '\u00a0\ufeff',
    ]) {
      expect([...codesOf(text).subarray(0, text.length + 2)]).toEqual(expected(text))
    }
  })

  it('reuses one array for texts up to KEPT_UNITS and gives a longer text one of its own', () => {
    const short = codesOf('SELECT 1')
    expect(codesOf('SELECT 2')).toBe(short)
    const long = 'x'.repeat(KEPT_UNITS + 5)
    const codes = codesOf(long)
    expect(codes).not.toBe(short)
    expect(codes.length).toBe(long.length + 2)
    expect(codes[long.length - 1]).toBe(120)
    expect(codes[long.length]).toBe(0)
    expect(codesOf('SELECT 3')).toBe(short)
  })

  it('leaves no code of a longer text before it behind: the passes see only the new one', () => {
    codesOf(`SELECT * FROM ${'a'.repeat(500)} WHERE id = 1`)
    // A text ending in a name then a quote-less end: its word loop stops at the zero after it.
    expect(sqlShape('SELECT * FROM b', false)).toBe(sqlShape('SELECT * FROM b', false))
    expect(analyzeSqlUncached('SELECT * FROM b', 'pg')).toEqual([{ verb: 'SELECT', tables: ['b'], fingerprint: 'select * from b' }])
  })
})
