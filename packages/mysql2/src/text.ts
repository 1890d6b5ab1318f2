import type { MysqlConnectionLike } from './types.js'

/**
 * The statement text of a `query`/`execute` call (`sql` string, `{ sql, values }`
 * options, or a mysql2 `Query` command), or `undefined` when there is none.
 *
 * The template is analysed, not the text mysql2 formats from it: `?` values are
 * literals that analysis drops anyway, the template keeps the analysis cache hot, and
 * values never reach querycost. The exception is `??`, whose values are identifiers
 * (table names): there the text is formatted the way mysql2 will send it. An argument
 * that is no statement, or throws when read, gives `undefined`.
 */
export function statementText(connection: MysqlConnectionLike, sql: unknown, values: unknown): string | undefined {
  if (typeof sql === 'string') return textOf(connection, sql, values)
  if (sql === null || typeof sql !== 'object') return undefined
  try {
    return textOf(connection, sql, values)
  } catch {
    // The caller's argument threw when read: it is mysql2's to reject, not a querycost error.
    return undefined
  }
}

function textOf(connection: MysqlConnectionLike, sql: unknown, values: unknown): string | undefined {
  let text: unknown
  let params: unknown
  if (typeof sql === 'string') {
    text = sql
    params = values
  } else {
    text = (sql as { sql?: unknown }).sql
    params = (sql as { values?: unknown }).values ?? (typeof values === 'function' ? undefined : values)
  }
  if (typeof text !== 'string') return undefined
  if (params !== undefined && text.includes('??') && typeof connection.format === 'function') {
    try {
      return connection.format(text, params)
    } catch {
      return text
    }
  }
  return text
}
