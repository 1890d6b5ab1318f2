import { fingerprintSql, fingerprintTokens } from './fingerprint.js'
import { tokenize } from './lexer.js'
import { Lru } from './lru.js'
import { statementRanges } from './split.js'
import { extractTables, UNPARSED } from './tables.js'

/** The SQL dialect a statement is written in: PostgreSQL (`pg`) or MySQL/MariaDB (`mysql`). */
export type SqlDialect = 'pg' | 'mysql'

/** What one SQL statement does, as far as cost accounting needs to know. */
export interface SqlStatement {
  /**
   * Upper-case statement verb: SELECT, INSERT, UPDATE, DELETE, MERGE, REPLACE, COPY,
   * CREATE, ALTER, DROP, TRUNCATE, BEGIN, COMMIT, SET, SHOW, CALL, EXPLAIN, ... A WITH
   * statement takes the verb of its main statement (`WITH x AS (...) DELETE ...` is
   * DELETE); pg's `TABLE t` is a SELECT; mysql's `DESC t` is DESCRIBE. `UNKNOWN` when
   * the text cannot be parsed.
   */
  readonly verb: string
  /**
   * Every table the statement reads or writes, de-duplicated, in first-seen order, as
   * written without quotes (pg folds unquoted names to lower case; qualifiers stay:
   * `analytics.events`). `['(none)']` when it has none (`SELECT 1`, `BEGIN`, `SET`,
   * `CALL`); `['(unknown)']` when it cannot be parsed. Never empty.
   */
  readonly tables: readonly string[]
  /** Normalised text without literal values, for repetition (N+1) detection; see {@link fingerprintSql}. */
  readonly fingerprint: string
}

/** Options of the statement cache. */
export interface SqlCacheOptions {
  /** Statements kept per dialect (default 2000). */
  readonly maxEntries?: number
  /** Texts longer than this many characters are analysed every time (default 16 KiB: 16,384 characters). */
  readonly maxTextLength?: number
}

const DEFAULT_MAX_ENTRIES = 2000
const DEFAULT_MAX_TEXT_LENGTH = 16 * 1024

// One cache per dialect: the text alone is the key, so a hit hashes no new string.
const pgCache = new Lru<string, readonly SqlStatement[]>(DEFAULT_MAX_ENTRIES)
const mysqlCache = new Lru<string, readonly SqlStatement[]>(DEFAULT_MAX_ENTRIES)
let maxTextLength = DEFAULT_MAX_TEXT_LENGTH

const EMPTY: readonly SqlStatement[] = Object.freeze([Object.freeze({ ...UNPARSED, fingerprint: '' })])

/**
 * Splits `text` into statements (at `;` outside strings, comments and dollar quotes)
 * and returns the verb, tables and fingerprint of each. Always at least one statement;
 * empty text gives one `UNKNOWN` statement with fingerprint `''`. Never throws, and runs
 * in time linear in the length of `text`.
 *
 * Dialects differ where the servers do. pg: unquoted names fold to lower case, `"x"` is
 * a name, `$1` a placeholder, `$$..$$` a string, block comments nest. mysql: names keep
 * their case, `` `x` `` is a name, `#` starts a comment, strings take backslash escapes,
 * and `"x"` is a string (the default sql_mode), so its content never reaches a
 * fingerprint; where only a table name can stand (`FROM "t"`, as under ANSI_QUOTES) it
 * is read as one. A mysql stored-program body (`CREATE PROCEDURE ... BEGIN ...; END`) is
 * split at its semicolons like any text.
 *
 * Results are cached per dialect by text in a bounded LRU (2000 entries unless
 * {@link configureSqlCache} says otherwise; texts over 16 KiB are not cached). A hit
 * returns the same frozen array.
 *
 * @example
 * analyzeSql('SELECT * FROM users WHERE id = 42', 'pg')
 * // [{ verb: 'SELECT', tables: ['users'], fingerprint: 'select * from users where id = ?' }]
 */
export function analyzeSql(text: string, dialect: SqlDialect): readonly SqlStatement[] {
  if (typeof text !== 'string') return EMPTY
  const cache = dialect === 'mysql' ? mysqlCache : pgCache
  const hit = cache.get(text)
  if (hit !== undefined) return hit
  const result = analyzeUncached(text, dialect === 'mysql')
  if (text.length <= maxTextLength) cache.set(text, result)
  return result
}

/**
 * {@link analyzeSql} without its cache, for a caller that caches what it derives from
 * the result instead (the driver packages' targets), so a text is cached once.
 */
export function analyzeSqlUncached(text: string, dialect: SqlDialect): readonly SqlStatement[] {
  return typeof text === 'string' ? analyzeUncached(text, dialect === 'mysql') : EMPTY
}

function analyzeUncached(text: string, mysql: boolean): readonly SqlStatement[] {
  try {
    const { tokens, brokenAt } = tokenize(text, mysql)
    const ranges = statementRanges(tokens)
    if (ranges.length === 0) return EMPTY
    const out: SqlStatement[] = []
    for (let i = 0; i < ranges.length; i += 2) {
      const start = ranges[i]!
      const end = ranges[i + 1]!
      const { verb, tables } = extractTables(text, tokens, start, end, mysql, brokenAt >= start && brokenAt < end)
      out.push(Object.freeze({ verb, tables, fingerprint: fingerprintTokens(tokens, start, end) }))
    }
    return Object.freeze(out)
  } catch {
    // A bug here must never reach the query it describes.
    return Object.freeze([Object.freeze({ ...UNPARSED, fingerprint: safeFingerprint(text, mysql) })])
  }
}

function safeFingerprint(text: string, mysql: boolean): string {
  try {
    return fingerprintSql(text, mysql ? 'mysql' : 'pg')
  } catch {
    return ''
  }
}

/**
 * Changes the statement cache's bounds; both apply to each dialect.
 *
 * @example
 * configureSqlCache({ maxEntries: 10_000 })
 */
export function configureSqlCache(options: SqlCacheOptions): void {
  if (options.maxEntries !== undefined) {
    pgCache.capacity = options.maxEntries
    mysqlCache.capacity = options.maxEntries
  }
  if (options.maxTextLength !== undefined) maxTextLength = options.maxTextLength
}

/** Empties the statement cache (tests, or after a deploy that changed every statement). */
export function clearSqlCache(): void {
  pgCache.clear()
  mysqlCache.clear()
}
