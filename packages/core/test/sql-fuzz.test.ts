import { describe, expect, it } from 'vitest'
import { analyzeSql } from '../src/sql/analyze.js'
import { fingerprintSql } from '../src/sql/fingerprint.js'
import type { SqlStatement } from '../src/sql/types.js'

const FRAGMENTS = [
  'SELECT',
  'FROM',
  'WHERE',
  'JOIN',
  'ON',
  'WITH',
  'AS',
  'RECURSIVE',
  'INSERT',
  'INTO',
  'VALUES',
  'UPDATE',
  'SET',
  'DELETE',
  'USING',
  'MERGE',
  'TABLE',
  'CREATE',
  'DROP',
  'EXPLAIN',
  'LATERAL',
  'ONLY',
  'UNION',
  'IN',
  'EXISTS',
  't',
  'u',
  '"Q"',
  '`b`',
  'a.b',
  '(',
  ')',
  '((',
  ',',
  ';',
  '.',
  '*',
  '=',
  '-',
  '-1',
  '$1',
  '?',
  ':n',
  "'s'",
  "'",
  '"',
  '`',
  '$$',
  '$x$',
  '--',
  '#',
  '/*',
  '*/',
  '\n',
  ' ',
  "E'",
  '\\',
  '[',
  ']',
  '@v',
  '::',
  '1e',
  '0x',
  'é',
]

function check(statements: readonly SqlStatement[]): void {
  expect(statements.length).toBeGreaterThan(0)
  for (const s of statements) {
    expect(typeof s.verb).toBe('string')
    expect(s.tables.length).toBeGreaterThan(0)
    expect(typeof s.fingerprint).toBe('string')
  }
}

describe('analyzeSql on arbitrary input', () => {
  it('never throws on random text', { timeout: 120_000 }, () => {
    let seed = 42
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648
      return Math.floor((seed / 2147483648) * n)
    }
    for (let i = 0; i < 4000; i++) {
      let sql = ''
      const length = random(40)
      for (let j = 0; j < length; j++) {
        sql += random(4) === 0 ? String.fromCharCode(random(0x3000)) : FRAGMENTS[random(FRAGMENTS.length)]!
        if (random(2) === 0) sql += ' '
      }
      const dialect = i % 2 === 0 ? 'pg' : 'mysql'
      check(analyzeSql(sql, dialect))
      expect(typeof fingerprintSql(sql, dialect)).toBe('string')
    }
  })

  it('survives values that are not strings', () => {
    for (const value of [undefined, null, 42, {}, ['SELECT 1']]) {
      check(analyzeSql(value as unknown as string, 'pg'))
    }
  })

  // Inputs of 100-400 KB: anything quadratic would take minutes of CPU, so the bound is
  // loose. CPU time, not wall time: on a shared machine the wall time is the load's.
  it('stays linear on pathological input', { timeout: 300_000 }, () => {
    const inputs = [
      '('.repeat(200_000),
      `SELECT ${'('.repeat(100_000)}1${')'.repeat(100_000)}`,
      `SELECT * FROM ${'a, '.repeat(50_000)}b`,
      'WITH '.repeat(50_000),
      `${'WITH a AS (SELECT 1) '.repeat(20_000)}SELECT * FROM a`,
      `WITH ${Array.from({ length: 5000 }, (_, i) => `c${i} AS (SELECT * FROM c${i > 0 ? i - 1 : 'base'})`).join(', ')} SELECT * FROM c4999`,
      `SELECT * FROM t WHERE a IN (${'1,'.repeat(100_000)}1)`,
      `INSERT INTO t VALUES ${'(1, 2), '.repeat(50_000)}(1, 2)`,
      `SELECT ${"'x', ".repeat(50_000)} FROM t`,
      `/* ${'/* '.repeat(50_000)}`,
      `$a$ ${'$b$ '.repeat(50_000)}`,
      'EXPLAIN '.repeat(50_000),
      `SELECT * FROM t ${'JOIN u ON true '.repeat(30_000)}`,
    ]
    const cpuMs = (): number => {
      const { user, system } = process.cpuUsage()
      return (user + system) / 1000
    }
    const started = cpuMs()
    for (const sql of inputs) {
      check(analyzeSql(sql, 'pg'))
      check(analyzeSql(sql, 'mysql'))
    }
    expect(cpuMs() - started).toBeLessThan(15_000)
  })
})
