import { afterEach, describe, expect, it } from 'vitest'
import { sqlTargets } from '../src/driver/sql-targets.js'
import { analyzeSql, clearSqlCache, configureSqlCache } from '../src/sql/analyze.js'
import { sqlCacheKeys } from '../src/sql/cache.js'
import { Lru } from '../src/sql/lru.js'

describe('Lru', () => {
  it('evicts the least recently used entry past its bound', () => {
    const lru = new Lru<string, number>(2)
    lru.set('a', 1)
    lru.set('b', 2)
    expect(lru.get('a')).toBe(1) // now 'b' is the oldest
    lru.set('c', 3)
    expect(lru.size).toBe(2)
    expect(lru.get('b')).toBeUndefined()
    expect(lru.get('a')).toBe(1)
    expect(lru.get('c')).toBe(3)
  })

  it('overwrites without growing, shrinks with its capacity, and clears', () => {
    const lru = new Lru<number, string>(3)
    for (const k of [1, 2, 3, 1]) lru.set(k, `v${k}`)
    expect(lru.size).toBe(3)
    lru.capacity = 1
    expect(lru.size).toBe(1)
    expect(lru.get(1)).toBe('v1')
    lru.clear()
    expect(lru.size).toBe(0)
  })
})

describe('analyzeSql cache', () => {
  afterEach(() => {
    configureSqlCache({ maxEntries: 2000, maxTextLength: 16 * 1024 })
    clearSqlCache()
  })

  it('returns the same frozen array on a hit', () => {
    const first = analyzeSql('SELECT * FROM cached_t WHERE id = $1', 'pg')
    expect(analyzeSql('SELECT * FROM cached_t WHERE id = $1', 'pg')).toBe(first)
  })

  it('keys the cache by dialect', () => {
    const sql = 'SELECT * FROM "Mixed" WHERE a = "b"'
    const pg = analyzeSql(sql, 'pg')
    const mysql = analyzeSql(sql, 'mysql')
    expect(pg).not.toBe(mysql)
    expect(pg[0]!.fingerprint).toBe('select * from Mixed where a = b')
    expect(mysql[0]!.fingerprint).toBe('select * from ? where a = ?')
  })

  it('caches texts longer than 16 KiB by their shape digest, never by their text', () => {
    const long = `SELECT * FROM t WHERE id IN (${'1, '.repeat(6000)}1)`
    expect(long.length).toBeGreaterThan(16 * 1024)
    const first = analyzeSql(long, 'mysql')
    expect(analyzeSql(long, 'mysql')).toBe(first)
    expect(analyzeSql(`SELECT * FROM t WHERE id IN (${'2, '.repeat(7000)}2)`, 'mysql')).toBe(first)
    expect(first[0]!.fingerprint).toBe('select * from t where id in (?)')
    expect(sqlCacheKeys().every((k) => typeof k === 'number')).toBe(true)
  })

  it('is bounded', () => {
    configureSqlCache({ maxEntries: 10 })
    const first = analyzeSql('SELECT * FROM bounded_0', 'pg')
    for (let i = 1; i <= 10; i++) analyzeSql(`SELECT * FROM bounded_${i}`, 'pg')
    expect(analyzeSql('SELECT * FROM bounded_0', 'pg')).not.toBe(first)
    expect(analyzeSql('SELECT * FROM bounded_10', 'pg')).toBe(analyzeSql('SELECT * FROM bounded_10', 'pg'))
  })
})

describe('sqlTargets', () => {
  it('keeps one cache per system, whichever system asked last', () => {
    const text = 'SELECT * FROM "Mixed" WHERE id = 1'
    const pg = sqlTargets(text, 'pg', 'pg')
    const mysql = sqlTargets(text, 'mysql', 'mysql')
    expect(pg.map((t) => [t.system, t.tables])).toEqual([['pg', ['Mixed']]])
    // mysql reads "Mixed" as a name only where nothing but a table can stand: the same table, its own system.
    expect(mysql.map((t) => [t.system, t.tables])).toEqual([['mysql', ['Mixed']]])
    expect(sqlTargets(text, 'pg', 'pg')).toBe(pg)
    expect(sqlTargets(text, 'mysql', 'mysql')).toBe(mysql)
    expect(sqlTargets(text, 'pg', 'pg')).toBe(pg)
  })
})
