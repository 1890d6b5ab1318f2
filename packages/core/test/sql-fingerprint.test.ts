import { describe, expect, it } from 'vitest'
import { analyzeSql } from '../src/sql/analyze.js'
import { fingerprintSql } from '../src/sql/fingerprint.js'
import type { SqlDialect } from '../src/sql/types.js'

const cases: readonly [SqlDialect, string, string][] = [
  ['pg', 'SELECT * FROM users WHERE id = 42', 'select * from users where id = ?'],
  ['pg', 'SELECT * FROM users WHERE id = $1', 'select * from users where id = ?'],
  ['mysql', 'SELECT * FROM users WHERE id = ?', 'select * from users where id = ?'],
  ['pg', 'SELECT * FROM users WHERE id = :id AND org = :org_id', 'select * from users where id = ? and org = ?'],
  // IN lists collapse, whatever their length or placeholder style.
  ['pg', 'SELECT * FROM t WHERE id IN ($1, $2, $3)', 'select * from t where id in (?)'],
  ['pg', 'SELECT * FROM t WHERE id IN (1,2,3,4,5)', 'select * from t where id in (?)'],
  ['mysql', "SELECT * FROM t WHERE id IN (1, 'a', 0x1F) AND b NOT IN (?)", 'select * from t where id in (?) and b not in (?)'],
  ['mysql', 'SELECT * FROM t WHERE (a, b) IN ((1, 2), (3, 4), (5, 6))', 'select * from t where (a, b) in ((?))'],
  ['pg', 'SELECT * FROM t WHERE id IN (1, NULL)', 'select * from t where id in (?, null)'],
  // Multi-row VALUES collapse to one row.
  ['mysql', "INSERT INTO t (a, b) VALUES (1, 'x'), (2, 'y'),(3,'z')", 'insert into t (a, b) values (?)'],
  ['pg', 'INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4) RETURNING id', 'insert into t (a, b) values (?) returning id'],
  ['pg', 'INSERT INTO t (a, b) VALUES ($1, now()), ($2, now())', 'insert into t (a, b) values (?, now())'],
  ['pg', 'INSERT INTO t (a, b) VALUES ($1, now()), ($2, DEFAULT)', 'insert into t (a, b) values (?, now()), (?, default)'],
  ['pg', 'SELECT * FROM t WHERE x = ANY(ARRAY[1, 2, 3])', 'select * from t where x = any(array[?])'],
  // Every form of literal.
  ['pg', "SELECT 'a', E'b\\'c', $$d$$, $t$e$t$, B'101', X'ff', N'x', U&'y', 1.5e-3, .5, 0x1F", 'select ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?'],
  ['mysql', `SELECT "dq", 'sq\\'', _utf8mb4'u', x'ff', b'1'`, 'select ?, ?, ?, ?, ?'],
  ['pg', 'SELECT TRUE, FALSE, NULL', 'select true, false, null'],
  ['pg', "SELECT $1::int, '2024-01-01'::date, interval '1 day'", 'select ?::int, ?::date, interval ?'],
  // Signs are part of numbers; arithmetic is kept.
  [
    'pg',
    'SELECT * FROM t WHERE a = -1 AND b=-2.5 AND c = x - 1 AND d = x-1 LIMIT -1',
    'select * from t where a = ? and b=? and c = x - ? and d = x-? limit ?',
  ],
  ['pg', 'SELECT -1, +2, (-3)', 'select ?, ?, (?)'],
  // Comments go, whitespace collapses, case folds; quoted names keep their case.
  ['pg', 'SELECT  *\n\tFROM /* comment */ Users -- trailing\nWHERE  Id = 1', 'select * from users where id = ?'],
  ['pg', 'SELECT a/*x*/FROM t', 'select a from t'],
  ['pg', 'SELECT "Id", "User"."Name" FROM "public"."Users"', 'select Id, User.Name from public.Users'],
  ['mysql', 'SELECT `Id` FROM `Shop`.`Users` # comment', 'select Id from Shop.Users'],
  ['mysql', 'SELECT a FROM t -- comment\nWHERE b = 1', 'select a from t where b = ?'],
  ['pg', 'SELECT count( * ) FROM t WHERE a IN ( 1 , 2 )', 'select count(*) from t where a in (?)'],
  ['pg', 'SELECT * FROM t;', 'select * from t'],
  ['pg', 'SELECT é FROM données', 'select é from données'],
]

describe('fingerprintSql', () => {
  for (const [dialect, sql, expected] of cases) {
    it(`${dialect}: ${sql}`, () => {
      expect(fingerprintSql(sql, dialect)).toBe(expected)
      expect(analyzeSql(sql, dialect)[0]!.fingerprint).toBe(expected)
    })
  }

  it('gives a client-formatted statement the fingerprint of its placeholder form', () => {
    const formatted = "SELECT * FROM `users` WHERE `id` = 5 AND `name` = 'O\\'Brien' AND `at` > '2024-01-01 00:00:00.000'"
    const placeholders = 'SELECT * FROM `users` WHERE `id` = ? AND `name` = ? AND `at` > ?'
    expect(fingerprintSql(formatted, 'mysql')).toBe(fingerprintSql(placeholders, 'mysql'))
  })

  it('joins the statements of a multi-statement text', () => {
    expect(fingerprintSql('BEGIN; UPDATE t SET a = 1; COMMIT;', 'pg')).toBe('begin; update t set a = ?; commit')
    expect(analyzeSql('BEGIN; UPDATE t SET a = 1', 'pg').map((s) => s.fingerprint)).toEqual(['begin', 'update t set a = ?'])
  })

  it('never contains a literal value', () => {
    let seed = 7
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648
      return seed / 2147483648
    }
    const templates = [
      (v: string, n: string) => `SELECT * FROM t WHERE a = '${v}' AND b = ${n}`,
      (v: string, n: string) => `INSERT INTO t VALUES ('${v}', ${n}), ('${v}x', -${n})`,
      // pg reads "x" as a name, mysql as a string (the default sql_mode).
      (v: string, n: string, mysql: boolean) => `UPDATE t SET a = ${mysql ? `"${v}"` : `'${v}'`}, b = ${n}.5 WHERE c IN (${n}, ${n}1)`,
      // mysql has no dollar quotes: there `$q$x$q$` is a name.
      (v: string, n: string, mysql: boolean) => `SELECT ${mysql ? `'${v}'` : `$q$${v}$q$`}, E'${v}\\'', X'${n}' FROM t LIMIT ${n}, ${n}`,
      (v: string, n: string) => `SELECT * FROM t WHERE x = _utf8mb4'${v}' OR y = -${n}e3`,
    ]
    for (let i = 0; i < 500; i++) {
      const value = `secret${Math.floor(random() * 1e6)} word`
      const number = String(90000 + Math.floor(random() * 9999))
      const template = templates[i % templates.length]!
      for (const dialect of ['pg', 'mysql'] as const) {
        const fingerprint = fingerprintSql(template(value, number, dialect === 'mysql'), dialect)
        expect(fingerprint).not.toContain('secret')
        expect(fingerprint).not.toContain('9')
      }
    }
  })
})
