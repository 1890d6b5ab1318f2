import { analyzeText, EMPTY } from './analyze-text.js'
import { clearSqlCache as clear, configureSqlCache as configure, sqlEntry } from './cache.js'
import type { SqlDialect, SqlStatement } from './types.js'

/** Options of the statement cache. */
export interface SqlCacheOptions {
  /** Statements kept per dialect (default 2000). */
  readonly maxEntries?: number
  /**
   * Texts up to this many characters that hold no literal value are also cached by
   * their text (default 16 KiB: 16,384 characters); every text is cached by its shape,
   * and a longer text also by a 53-bit digest of its characters (64 per dialect), so a
   * long statement run again costs one pass over it.
   */
  readonly maxTextLength?: number
}

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
 * Results are cached per dialect in a bounded LRU (2000 entries unless
 * {@link configureSqlCache} says otherwise), keyed by the text's shape: a digest of its
 * tokens without literal values, so texts that differ only in values, in the length of
 * an `IN` list or in the number of `VALUES` rows share one entry, and no value is kept.
 * A hit returns the same frozen array. Fingerprints past 2048 characters are cut, with
 * a hash (see `docs/report-limits.md`).
 *
 * @example
 * analyzeSql('SELECT * FROM users WHERE id = 42', 'pg')
 * // [{ verb: 'SELECT', tables: ['users'], fingerprint: 'select * from users where id = ?' }]
 */
export function analyzeSql(text: string, dialect: SqlDialect): readonly SqlStatement[] {
  return typeof text === 'string' ? sqlEntry(text, dialect === 'mysql').statements : EMPTY
}

/** {@link analyzeSql} without its cache (tests, and the cache's own check). */
export function analyzeSqlUncached(text: string, dialect: SqlDialect): readonly SqlStatement[] {
  return typeof text === 'string' ? analyzeText(text, dialect === 'mysql') : EMPTY
}

/**
 * Changes the statement cache's bounds; both apply to each dialect.
 *
 * @example
 * configureSqlCache({ maxEntries: 10_000 })
 */
export function configureSqlCache(options: SqlCacheOptions): void {
  configure(options)
}

/** Empties the statement cache (tests, or after a deploy that changed every statement). */
export function clearSqlCache(): void {
  clear()
}
