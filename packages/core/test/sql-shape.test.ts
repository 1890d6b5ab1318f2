import { afterEach, describe, expect, it } from 'vitest'
import { analyzeSql, analyzeSqlUncached, clearSqlCache } from '../src/sql/analyze.js'
import { sqlCacheKeys } from '../src/sql/cache.js'
import { sqlShape } from '../src/sql/shape.js'
import type { SqlDialect } from '../src/sql/types.js'
import { corpus } from './sql-corpus.js'
import { ormCorpus } from './sql-orm-corpus.js'

afterEach(() => clearSqlCache())

/** The same statement with other values: digits changed, strings rewritten, lists and rows grown. */
function variant(sql: string): string {
  return sql
    .replace(/\b\d+\b/g, (d) => String((Number(d) * 7 + 3) % 100000))
    .replace(/'[^'\\]*'/g, (s) => `'${s.length % 2 ? 'secret-value' : ''}'`)
    .replace(/\b(in|IN) \(([^()]*)\)/g, (_, kw, list) => `${kw} (${list}, ${list})`)
    .replace(/\b(values|VALUES) (\([^()]*\))/g, (_, kw, row) => `${kw} ${row}, ${row}`)
}

describe('ORM statements with inlined literals', () => {
  for (const { dialect, sql, verb, tables, fingerprint } of ormCorpus) {
    it(`${dialect}: ${sql.slice(0, 90)}...`, () => {
      const statements = analyzeSql(sql, dialect)
      expect(statements).toEqual([{ verb, tables, fingerprint }])
      // Other values, longer IN lists, more rows: the same cache entry, so the same array.
      const other = variant(sql)
      expect(other).not.toBe(sql)
      // (A mysql "..." may be a name, so its content is part of the shape.)
      if (dialect === 'pg' || !sql.includes('"')) expect(analyzeSql(other, dialect)).toBe(statements)
      expect(analyzeSqlUncached(other, dialect)).toEqual(statements)
    })
  }
})

/** Asserts that texts with the same shape digest have the same uncached analysis. */
function checkShapes(texts: readonly string[], dialect: SqlDialect): number {
  const byShape = new Map<number, { text: string; analysis: string }>()
  let shared = 0
  for (const text of texts) {
    const shape = sqlShape(text, dialect === 'mysql')
    const analysis = JSON.stringify(analyzeSqlUncached(text, dialect))
    const seen = byShape.get(shape)
    if (seen === undefined) byShape.set(shape, { text, analysis })
    else {
      shared++
      expect({ text, analysis }).toEqual({ text, analysis: seen.analysis })
    }
  }
  return shared
}

describe('sqlShape', () => {
  it('gives texts that differ only in values one shape, and that shape one analysis (corpus)', { timeout: 120_000 }, () => {
    for (const dialect of ['pg', 'mysql'] as const) {
      const texts = [...corpus, ...ormCorpus]
        .filter((c) => c.dialect === dialect)
        .flatMap((c) => [c.sql, variant(c.sql), variant(variant(c.sql))])
      expect(checkShapes(texts, dialect)).toBeGreaterThan(100)
    }
  })

  it('keeps one analysis per shape on random text', { timeout: 180_000 }, () => {
    const FRAGMENTS = [
      'SELECT',
      'FROM',
      'VALUES',
      'VALUE',
      'IN',
      'INSERT INTO',
      't',
      '"Q"',
      '`b`',
      '(',
      ')',
      ',',
      ';',
      ' ',
      '.',
      '-',
      '=',
      'JOIN',
      'WITH a AS',
      'AS',
      'FROM f(a)',
      '(a)',
      '(1, 2)',
      "('x', 2)",
      '((1), (1))',
      '[',
      ']',
      '$1',
      '?',
      "'s'",
      '1',
      '"d"',
      '--',
      '\n',
      '/*',
      '*/',
      'E',
      "'",
      '#',
    ]
    const LITERALS: Record<string, string[]> = {
      "'s'": ["'t'", "''"],
      '1': ['22', '333'],
      $1: ['$2'],
      '(1, 2)': ['(3)', '(4, 5, 6)'],
      "('x', 2)": ["('y', 3)"],
    }
    let seed = 7
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648
      return Math.floor((seed / 2147483648) * n)
    }
    for (const dialect of ['pg', 'mysql'] as const) {
      const texts: string[] = []
      for (let i = 0; i < 2000; i++) {
        const parts = Array.from({ length: 1 + random(24) }, () => FRAGMENTS[random(FRAGMENTS.length)]!)
        texts.push(parts.join(random(2) ? ' ' : ''))
        // The same text with other literals, and with a group repeated after itself.
        const swapped = parts.map((p) => (LITERALS[p] ? LITERALS[p]![random(LITERALS[p]!.length)]! : p))
        texts.push(swapped.join(' '), swapped.join(''))
        const k = parts.findIndex((p) => p.startsWith('(') && p.endsWith(')'))
        if (k >= 0) texts.push([...parts.slice(0, k + 1), ',', parts[k]!, ...parts.slice(k + 1)].join(' '))
      }
      expect(checkShapes(texts, dialect)).toBeGreaterThan(500)
    }
  })

  it('tells apart what changes the analysis: names, case in mysql, quoting, operators, spacing', () => {
    const pairs: [string, string, SqlDialect][] = [
      ['SELECT * FROM a', 'SELECT * FROM b', 'pg'],
      ['SELECT * FROM Users', 'SELECT * FROM users', 'mysql'],
      ['SELECT * FROM "a"', 'SELECT * FROM "b"', 'mysql'],
      ['SELECT a=1', 'SELECT a = 1', 'pg'],
      ['SELECT * FROM t WHERE a IN (1, 2)', 'SELECT * FROM t WHERE a IN (1, b)', 'pg'],
      ['SELECT * FROM f(a), (a)', 'SELECT * FROM f(a)', 'pg'],
      ["SELECT 'x", "SELECT 'x'", 'pg'],
      ['INSERT INTO t VALUES (1), (2); SELECT 1', 'INSERT INTO t VALUES (1); SELECT 1', 'pg'],
    ]
    for (const [a, b, dialect] of pairs) {
      const same = sqlShape(a, dialect === 'mysql') === sqlShape(b, dialect === 'mysql')
      const equal = JSON.stringify(analyzeSqlUncached(a, dialect)) === JSON.stringify(analyzeSqlUncached(b, dialect))
      expect({ a, b, same: same && !equal }).toEqual({ a, b, same: false })
    }
    expect(sqlShape('INSERT INTO t VALUES (1, 2), (3, 4)', false)).toBe(sqlShape('INSERT INTO t VALUES (5, 6)', false))
    expect(sqlShape("SELECT * FROM t WHERE id IN (1, 2, 3) AND s = 'a'", false)).toBe(
      sqlShape("SELECT * FROM t WHERE id IN (9) AND s = 'b'", false),
    )
  })
})

describe('the SQL cache', () => {
  it('keeps no literal value in a key: texts with values are keyed by their shape digest', () => {
    analyzeSql("SELECT * FROM accounts WHERE token = 'sk_live_4242' AND pin = 98765", 'pg')
    analyzeSql('SELECT * FROM accounts WHERE token = "sk_live_4343"', 'mysql')
    analyzeSql('SELECT * FROM accounts WHERE id = $1 LIMIT 10', 'pg')
    const keys = sqlCacheKeys()
    expect(keys.filter((k) => typeof k === 'string')).toEqual(['SELECT * FROM accounts WHERE id = $1 LIMIT 10'])
    expect(keys.filter((k) => typeof k === 'number')).toHaveLength(3)
  })

  it('reuses the analysis of a 1 MB bulk insert whatever its rows and values, analysing one row', { timeout: 120_000 }, () => {
    const bulk = (rows: number, seed: number): string =>
      `INSERT INTO "events" ("id","kind","payload") VALUES ${Array.from({ length: rows }, (_, r) => `(${seed + r},'click','{"u":"${seed}-${r}"}')`).join(',')}`
    const first = bulk(30_000, 1)
    expect(first.length).toBeGreaterThan(900_000)
    const statements = analyzeSql(first, 'pg')
    expect(statements).toEqual([{ verb: 'INSERT', tables: ['events'], fingerprint: 'insert into events (id, kind, payload) values (?)' }])
    expect(analyzeSql(bulk(31_000, 5), 'pg')).toBe(statements)
  })

  it('analyses a text of repeated statements as one of each, and gives each repeat again', { timeout: 120_000 }, () => {
    // 1 MB of 23,000 inserts of one shape: one analysed, the same object 23,000 times.
    const many = (count: number, seed: number): string =>
      Array.from({ length: count }, (_, r) => `INSERT INTO log VALUES (${seed + r}, 'e${seed}-${r}')`).join('; ')
    const text = many(23_000, 1)
    expect(text.length).toBeGreaterThan(900_000)
    const statements = analyzeSql(text, 'pg')
    expect(statements).toHaveLength(23_000)
    expect(new Set(statements).size).toBe(1)
    expect(statements[0]).toEqual({ verb: 'INSERT', tables: ['log'], fingerprint: 'insert into log values (?)' })
    expect(statements).toEqual(analyzeSqlUncached(text, 'pg'))
    // One statement more is another shape (the count is part of the analysis).
    expect(sqlShape(many(23_001, 1), false)).not.toBe(sqlShape(text, false))
    expect(sqlShape(many(23_000, 7), false)).toBe(sqlShape(text, false))

    // Random texts of statements, some repeated, some not, with empty statements, `;`
    // inside parentheses, unbalanced ones and literals left open: the cached analysis
    // (from the text with its repeats cut out) is the whole text's.
    const STATEMENTS = [
      'SELECT 1',
      'SELECT * FROM a WHERE x = 2',
      "INSERT INTO t VALUES (1, 'a'), (2, 'b')",
      'UPDATE t SET a = 3',
      '',
      ' ',
      'SELECT (1; 2)',
      'SELECT (',
      'SELECT )',
      "SELECT 'open",
      'VALUES (1), (1)',
      '/* c */ SELECT 1',
      'select 1',
      'SELECT  1',
    ]
    let seed = 11
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648
      return Math.floor((seed / 2147483648) * n)
    }
    for (const dialect of ['pg', 'mysql'] as const) {
      for (let i = 0; i < 3000; i++) {
        const parts: string[] = []
        for (let k = 1 + random(6); k > 0; k--) {
          const statement = STATEMENTS[random(STATEMENTS.length)]!
          for (let r = 1 + random(4); r > 0; r--) parts.push(statement)
        }
        const text = parts.join(random(2) ? ';' : '; ') + (random(2) ? ';' : '')
        clearSqlCache()
        expect({ text, analysis: analyzeSql(text, dialect) }).toEqual({ text, analysis: analyzeSqlUncached(text, dialect) })
      }
    }
  })
})
