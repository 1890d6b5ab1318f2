// The SQL concern's shared shapes: imports nothing, so every module of sql/ and driver/ can
// name them without importing the analyser back.

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
