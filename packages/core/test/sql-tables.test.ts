import { describe, expect, it } from 'vitest'
import { analyzeSql } from '../src/sql/analyze.js'
import { corpus } from './sql-corpus.js'

describe('analyzeSql tables and verb', () => {
  it('has a corpus of at least 150 statements in both dialects', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(150)
    expect(corpus.filter((c) => c.dialect === 'mysql').length).toBeGreaterThanOrEqual(60)
  })

  for (const { dialect, sql, verb, tables } of corpus) {
    it(`${dialect}: ${sql.length > 100 ? `${sql.slice(0, 100)}...` : sql || '(empty)'}`, () => {
      const statements = analyzeSql(sql, dialect)
      expect(statements).toHaveLength(1)
      expect({ verb: statements[0]!.verb, tables: statements[0]!.tables }).toEqual({ verb, tables })
    })
  }
})

describe('analyzeSql statements', () => {
  it('splits at top-level semicolons only', () => {
    const statements = analyzeSql("BEGIN; UPDATE a SET s = ';' WHERE id = $1; /* ; */ SELECT $$;$$ FROM b; COMMIT;", 'pg')
    expect(statements.map((s) => [s.verb, s.tables])).toEqual([
      ['BEGIN', ['(none)']],
      ['UPDATE', ['a']],
      ['SELECT', ['b']],
      ['COMMIT', ['(none)']],
    ])
  })

  it('gives one UNKNOWN statement for empty text', () => {
    for (const text of ['', '   ', ';', ' ; ; ', '/* nothing */']) {
      expect(analyzeSql(text, 'mysql')).toEqual([{ verb: 'UNKNOWN', tables: ['(unknown)'], fingerprint: '' }])
    }
  })

  it('keeps a broken statement from spoiling the others', () => {
    const statements = analyzeSql('SELECT * FROM a; SELEC b; DELETE FROM c', 'pg')
    expect(statements.map((s) => s.tables)).toEqual([['a'], ['(unknown)'], ['c']])
  })

  it('treats an unterminated string as the end of the text', () => {
    const statements = analyzeSql("SELECT * FROM a; SELECT 'oops; DELETE FROM c", 'pg')
    expect(statements.map((s) => s.verb)).toEqual(['SELECT', 'UNKNOWN'])
  })

  it('returns frozen results', () => {
    const statements = analyzeSql('SELECT * FROM frozen_t', 'pg')
    expect(Object.isFrozen(statements)).toBe(true)
    expect(Object.isFrozen(statements[0])).toBe(true)
    expect(Object.isFrozen(statements[0]!.tables)).toBe(true)
  })
})
