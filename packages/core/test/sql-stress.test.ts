import { describe, expect, it } from 'vitest'
import { boundName, MAX_FINGERPRINT_LENGTH, MAX_TABLE_LENGTH } from '../src/accounting/bounds.js'
import { analyzeSql, analyzeSqlUncached, clearSqlCache, type SqlDialect, type SqlStatement } from '../src/sql/analyze.js'
import { sqlCacheKeys } from '../src/sql/cache.js'
import { fingerprintSql } from '../src/sql/fingerprint.js'

// Statements of about a megabyte, of the shapes that used to cost an object per token or
// per parenthesis: the exact analysis each must give, through the cache (first sight and
// again) and without it. No timing here: bench/sql.js measures them.

const MB = 1_000_000

/** `count` copies of `unit(i)` joined by `sep`. */
function repeat(count: number, unit: (i: number) => string, sep: string): string {
  const parts: string[] = []
  for (let i = 0; i < count; i++) parts.push(unit(i))
  return parts.join(sep)
}

/** The fingerprint a statement gets in a report: cut past the bound, with a hash. */
const bounded = (fingerprint: string): string => boundName(fingerprint, MAX_FINGERPRINT_LENGTH)
/** A table name as the analysis keeps it (and a report shows it): cut past the bound, with a hash. */
const boundedTable = (table: string): string => boundName(table, MAX_TABLE_LENGTH)

function expectAnalysis(sql: string, dialect: SqlDialect, expected: readonly SqlStatement[]): void {
  expect(sql.length).toBeGreaterThan(0.9 * MB)
  clearSqlCache()
  const first = analyzeSql(sql, dialect)
  expect(first).toEqual(expected)
  expect(analyzeSql(sql, dialect)).toBe(first)
  expect(analyzeSqlUncached(sql, dialect)).toEqual(expected)
}

describe('a statement of a megabyte', { timeout: 120_000 }, () => {
  it('an OR chain of distinct values', () => {
    const n = 50_000
    const sql = `SELECT * FROM "events" WHERE ${repeat(n, (i) => `"kind" = 'k-${i}'`, ' OR ')}`
    const fingerprint = `select * from events where kind = ?${' or kind = ?'.repeat(n - 1)}`
    expectAnalysis(sql, 'pg', [{ verb: 'SELECT', tables: ['events'], fingerprint: bounded(fingerprint) }])
    expect(fingerprintSql(sql, 'pg')).toBe(fingerprint)
    // Kept by its shape and by a digest of its text: two numbers, no text.
    expect(sqlCacheKeys()).toEqual([expect.any(Number), expect.any(Number)])
    const mysql = `SELECT * FROM \`events\` WHERE ${repeat(n, (i) => `kind = "k-${i}"`, ' OR ')}`
    expectAnalysis(mysql, 'mysql', [{ verb: 'SELECT', tables: ['events'], fingerprint: bounded(fingerprint) }])
  })

  it('parentheses nested 450,000 deep, around a condition and around a subquery', () => {
    const depth = 450_000
    const sql = `SELECT * FROM t WHERE ${'('.repeat(depth)}a = 1${')'.repeat(depth)}`
    expectAnalysis(sql, 'pg', [
      { verb: 'SELECT', tables: ['t'], fingerprint: bounded(`select * from t where ${'('.repeat(depth)}a = ?${')'.repeat(depth)}`) },
    ])
    const sub = `SELECT * FROM a WHERE x IN ${'('.repeat(depth)}SELECT id FROM b WHERE y = 2${')'.repeat(depth)}`
    expectAnalysis(sub, 'mysql', [
      {
        verb: 'SELECT',
        tables: ['a', 'b'],
        fingerprint: bounded(`select * from a where x in ${'('.repeat(depth)}select id from b where y = ?${')'.repeat(depth)}`),
      },
    ])
    // Unbalanced: no tables, the fingerprint as it stands.
    const open = `SELECT ${'('.repeat(MB)}`
    expectAnalysis(open, 'pg', [{ verb: 'UNKNOWN', tables: ['(unknown)'], fingerprint: bounded(`select ${'('.repeat(MB)}`) }])
  })

  it('an IN list, a VALUES list and an array of 150,000 values', () => {
    const values = repeat(150_000, (i) => String(100_000 + i), ', ')
    expectAnalysis(`SELECT * FROM t WHERE id IN (${values})`, 'pg', [
      { verb: 'SELECT', tables: ['t'], fingerprint: 'select * from t where id in (?)' },
    ])
    expectAnalysis(`INSERT INTO t (a, b) VALUES ${repeat(70_000, (i) => `(${i}, 'v${i}')`, ', ')}`, 'mysql', [
      { verb: 'INSERT', tables: ['t'], fingerprint: 'insert into t (a, b) values (?)' },
    ])
    expectAnalysis(`SELECT * FROM t WHERE x = ANY(ARRAY[${values}])`, 'pg', [
      { verb: 'SELECT', tables: ['t'], fingerprint: 'select * from t where x = any(array[?])' },
    ])
  })

  it('50,000 statements in one text', () => {
    const sql = repeat(50_000, (i) => `INSERT INTO log VALUES (${i}, 'entry ${i}')`, '; ')
    const one = { verb: 'INSERT', tables: ['log'], fingerprint: 'insert into log values (?)' }
    expectAnalysis(
      sql,
      'pg',
      Array.from({ length: 50_000 }, () => one),
    )
    // Equal statements of one text share one object (and one string): no object per statement.
    expect(new Set(analyzeSql(sql, 'pg')).size).toBe(1)
    const mixed = `BEGIN; ${repeat(40_000, (i) => `UPDATE t${i % 3} SET a = ${i}`, '; ')}; COMMIT`
    expectAnalysis(mixed, 'mysql', [
      { verb: 'BEGIN', tables: ['(none)'], fingerprint: 'begin' },
      ...Array.from({ length: 40_000 }, (_, i) => ({ verb: 'UPDATE', tables: [`t${i % 3}`], fingerprint: `update t${i % 3} set a = ?` })),
      { verb: 'COMMIT', tables: ['(none)'], fingerprint: 'commit' },
    ])
  })

  it('comments: one of a megabyte, and 60,000 small ones', () => {
    expectAnalysis(`SELECT a /* ${'x'.repeat(MB)} */ FROM t`, 'pg', [{ verb: 'SELECT', tables: ['t'], fingerprint: 'select a from t' }])
    const many = `SELECT a ${repeat(60_000, (i) => `/* c${i} */ -- l${i}\n`, '')}FROM t`
    expectAnalysis(many, 'pg', [{ verb: 'SELECT', tables: ['t'], fingerprint: 'select a from t' }])
    expectAnalysis(many.replaceAll('--', '#'), 'mysql', [{ verb: 'SELECT', tables: ['t'], fingerprint: 'select a from t' }])
  })

  it('strings: one of a megabyte, an unclosed one, a dollar quote', () => {
    const big = 'x'.repeat(MB)
    expectAnalysis(`SELECT * FROM t WHERE s = '${big}'`, 'pg', [
      { verb: 'SELECT', tables: ['t'], fingerprint: 'select * from t where s = ?' },
    ])
    expectAnalysis(`SELECT * FROM t WHERE s = '${big}`, 'mysql', [
      { verb: 'UNKNOWN', tables: ['(unknown)'], fingerprint: 'select * from t where s = ?' },
    ])
    expectAnalysis(`SELECT $body$${big}$body$ FROM t`, 'pg', [{ verb: 'SELECT', tables: ['t'], fingerprint: 'select ? from t' }])
  })

  it('a name of a megabyte, unquoted and quoted', () => {
    const name = 'n'.repeat(MB)
    expectAnalysis(`SELECT * FROM ${name} WHERE id = 1`, 'pg', [
      { verb: 'SELECT', tables: [boundedTable(name)], fingerprint: bounded(`select * from ${name} where id = ?`) },
    ])
    expectAnalysis(`SELECT * FROM "${name.toUpperCase()}" WHERE id = 1`, 'pg', [
      {
        verb: 'SELECT',
        tables: [boundedTable(name.toUpperCase())],
        fingerprint: bounded(`select * from ${name.toUpperCase()} where id = ?`),
      },
    ])
    expectAnalysis(`SELECT ${name.toUpperCase()} FROM t`, 'mysql', [
      { verb: 'SELECT', tables: ['t'], fingerprint: bounded(`select ${name} from t`) },
    ])
  })
})
