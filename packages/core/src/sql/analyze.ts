// TEMPORARY STUB written by the lead so core builds while the SQL analyser is being
// written; the SQL engineer replaces this whole file (and fingerprint.ts, lru.ts).
export type SqlDialect = 'pg' | 'mysql'
export interface SqlStatement {
  readonly verb: string
  readonly tables: readonly string[]
  readonly fingerprint: string
}
export function analyzeSql(text: string, _dialect: SqlDialect): readonly SqlStatement[] {
  return text
    .split(';')
    .filter((s) => s.trim() !== '')
    .map((s) => {
      const verb = (s.trim().split(/\s+/)[0] ?? 'UNKNOWN').toUpperCase()
      const tables = [...s.matchAll(/\b(?:from|join|into|update)\s+([a-z_][\w.]*)/gi)].map((m) => (m[1] as string).toLowerCase())
      return { verb, tables: tables.length ? [...new Set(tables)] : ['(none)'], fingerprint: s.trim().toLowerCase().replace(/\$\d+|\b\d+\b|'[^']*'/g, '?') }
    })
}
