import type { MysqlConnectionLike } from './types.js'

/**
 * The statement text of a `query`/`execute` call (`sql` string, `{ sql, values }`
 * options, or a mysql2 `Query` command), or `undefined` when there is none.
 *
 * The template is analysed, not the text mysql2 formats from it: `?` values are
 * literals that analysis drops anyway, the template keeps the analysis cache hot, and
 * values never reach querycost. The exception is `??`, whose values are identifiers
 * (table names): there the identifiers are written in as mysql2 will send them, and
 * every `?` stays a `?`, so no value is ever part of the text querycost sees.
 * An argument that is no statement, or throws when read, gives `undefined`.
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
      return connection.format(text, identifiersOnly(text, params))
    } catch {
      return text
    }
  }
  return text
}

/** Written by mysql2's formatter for a `?` value: the placeholder itself. */
const PLACEHOLDER = Object.freeze({ toSqlString: (): string => '?' })

/**
 * `params` with every value that fills a `?` replaced by {@link PLACEHOLDER}: only the
 * `??` identifiers remain. Placeholders are matched as mysql2's formatter (sqlstring)
 * matches them: runs of `?`, one value for `?` and for `??`, none for longer runs.
 */
function identifiersOnly(text: string, params: unknown): unknown[] {
  const values: unknown[] = Array.isArray(params) ? params : [params]
  const out: unknown[] = []
  const runs = /\?+/g
  for (let match = runs.exec(text); match !== null && out.length < values.length; match = runs.exec(text)) {
    const length = match[0].length
    if (length > 2) continue
    out.push(length === 2 ? values[out.length] : PLACEHOLDER)
  }
  return out
}
