import { scan } from './scan.js'
import { REQUIRED, type TableCollector } from './table-collector.js'
import { TokenKind as K } from './token.js'

/**
 * Statement heads for DDL and utility statements: each reads the tables a statement
 * names up front and returns its verb, or `undefined` when the text is not SQL.
 */

const CREATE_OTHER: ReadonlySet<string> = new Set([
  'schema',
  'database',
  'function',
  'procedure',
  'type',
  'sequence',
  'extension',
  'role',
  'user',
  'event',
  'domain',
  'aggregate',
  'operator',
  'collation',
  'publication',
  'subscription',
  'server',
  'tablespace',
  'statistics',
  'cast',
  'conversion',
  'language',
  'rule',
  'transform',
  'wrapper',
  'spatial_reference',
])
const OBJECT_SKIP: ReadonlySet<string> = new Set(['online', 'ignore', 'temporary', 'materialized', 'foreign'])
const SHOW_FROM: ReadonlySet<string> = new Set(['columns', 'fields', 'index', 'indexes', 'keys'])
const MAINTENANCE_OPTIONS: ReadonlySet<string> = new Set([
  'full',
  'freeze',
  'verbose',
  'analyze',
  'analyse',
  'skip_locked',
  'disable_page_skipping',
  'table',
  'tables',
  'no_write_to_binlog',
  'local',
  'materialized',
  'view',
  'concurrently',
  'process_toast',
])
/** REINDEX INDEX/SCHEMA/DATABASE/SYSTEM name no table. */
const MAINTENANCE_NO_TABLE: ReadonlySet<string> = new Set(['index', 'schema', 'database', 'system'])

/** `CREATE [modifiers] TABLE|VIEW|INDEX|TRIGGER|POLICY ...`; other objects name no table. */
export function createHead(c: TableCollector, _from: number, k: number): string | undefined {
  // Modifiers (OR REPLACE, TEMP, UNIQUE, DEFINER=..., ALGORITHM=...) come before the kind.
  for (let j = k + 1; j < k + 40; j++) {
    if (c.kind(j) === K.Eof) return undefined
    if (c.kind(j) !== K.Word) continue
    if (c.word(j) === 'table') return createTable(c, j + 1)
    if (c.word(j) === 'view') return createView(c, j + 1)
    if (c.word(j) === 'index' || c.word(j) === 'trigger' || c.word(j) === 'policy') return onTable(c, j + 1, true) ? 'CREATE' : undefined
    if (CREATE_OTHER.has(c.word(j))) return 'CREATE'
  }
  return 'CREATE'
}

function createTable(c: TableCollector, j: number): string {
  j = c.table(skipIfExists(c, j), REQUIRED)
  if (c.word(j) === 'like') j = c.table(j + 1, REQUIRED)
  else if (c.kind(j) === K.LParen && c.word(j + 1) === 'like') c.table(j + 2, REQUIRED)
  else if (c.word(j) === 'partition' && c.word(j + 1) === 'of') j = c.table(j + 2, REQUIRED)
  // The rest: REFERENCES in column definitions, AS SELECT ... FROM.
  scan(c, j, c.end, -1)
  return 'CREATE'
}

function createView(c: TableCollector, j: number): string {
  scan(c, c.table(skipIfExists(c, j), REQUIRED), c.end, -1)
  return 'CREATE'
}

/** Finds `ON t` (CREATE INDEX, CREATE TRIGGER, mysql DROP INDEX) and records `t`. */
function onTable(c: TableCollector, j: number, required: boolean): boolean {
  for (; ; j++) {
    if (c.kind(j) === K.Eof) return !required
    if (c.kind(j) === K.LParen) j = c.closeOf(j)
    else if (c.kind(j) === K.Word && c.word(j) === 'on') {
      c.table(j + 1, REQUIRED)
      return true
    }
  }
}

function skipIfExists(c: TableCollector, j: number): number {
  if (c.word(j) !== 'if') return j
  j++
  if (c.word(j) === 'not') j++
  return c.word(j) === 'exists' ? j + 1 : j
}

/** Records a comma-separated list of names from `j`, each with an optional column list. */
function nameList(c: TableCollector, j: number): void {
  for (;;) {
    j = c.table(j, REQUIRED)
    if (c.failed) return
    if (c.kind(j) === K.LParen) j = c.closeOf(j) + 1
    if (c.kind(j) !== K.Comma) return
    j++
  }
}

/** `ALTER TABLE|VIEW t ...`: `t`, plus tables the rest references. */
export function alterHead(c: TableCollector, _from: number, k: number): string {
  let j = k + 1
  while (OBJECT_SKIP.has(c.word(j))) j++
  const kind = c.word(j)
  if (kind === 'table' || kind === 'view') scan(c, c.table(skipIfExists(c, j + 1), REQUIRED), c.end, -1)
  return 'ALTER'
}

/** `DROP TABLE|VIEW [IF EXISTS] a, b`, `DROP INDEX i ON t` (mysql), `DROP TRIGGER x ON t`. */
export function dropHead(c: TableCollector, _from: number, k: number): string {
  let j = k + 1
  while (OBJECT_SKIP.has(c.word(j))) j++
  const kind = c.word(j)
  if (kind === 'table' || kind === 'tables' || kind === 'view') nameList(c, skipIfExists(c, j + 1))
  else if (kind === 'index' || kind === 'trigger' || kind === 'policy' || kind === 'rule') onTable(c, j + 1, false)
  return 'DROP'
}

/** `TRUNCATE [TABLE] [ONLY] a, b [RESTART IDENTITY] [CASCADE]`. */
export function truncateHead(c: TableCollector, _from: number, k: number): string {
  nameList(c, c.word(k + 1) === 'table' ? k + 2 : k + 1)
  return 'TRUNCATE'
}

/** mysql `RENAME TABLE a TO b, c TO d`: all four. */
export function renameHead(c: TableCollector, _from: number, k: number): string {
  const kind = c.word(k + 1)
  if (kind !== 'table' && kind !== 'tables') return 'RENAME'
  for (let j = k + 2; !c.failed; j++) {
    j = c.table(j, REQUIRED)
    if (c.word(j) !== 'to') c.failed = true
    j = c.table(j + 1, REQUIRED)
    if (c.kind(j) !== K.Comma) break
  }
  return 'RENAME'
}

/** pg `LOCK [TABLE] a, b IN ... MODE`; mysql `LOCK TABLES a READ, b AS x WRITE`. */
export function lockHead(c: TableCollector, _from: number, k: number): string {
  let j = k + 1
  const kind = c.word(j)
  if (kind === 'instance') return 'LOCK' // mysql LOCK INSTANCE FOR BACKUP
  if (kind === 'table' || kind === 'tables') j++
  for (;;) {
    j = c.table(j, REQUIRED)
    if (c.failed) return 'LOCK'
    // Skip the alias and lock type up to the next table.
    for (; ; j++) {
      if (c.kind(j) === K.Eof || (c.kind(j) === K.Word && (c.word(j) === 'in' || c.word(j) === 'nowait'))) return 'LOCK'
      if (c.kind(j) === K.Comma) break
    }
    j++
  }
}

/** pg `COPY t [(cols)] FROM|TO ...` or `COPY (query) TO ...`. */
export function copyHead(c: TableCollector, _from: number, k: number): string {
  if (c.kind(k + 1) === K.LParen) scan(c, k + 1, c.end, -1)
  else c.table(k + 1, REQUIRED)
  return 'COPY'
}

/** mysql `SHOW COLUMNS|INDEX FROM t [FROM db]`, `SHOW CREATE TABLE t`; other SHOWs name no table. */
export function showHead(c: TableCollector, _from: number, k: number): string {
  let j = k + 1
  while (c.word(j) === 'full' || c.word(j) === 'extended') j++
  const kind = c.word(j)
  if (SHOW_FROM.has(kind)) {
    const from = c.word(j + 1)
    if ((from !== 'from' && from !== 'in') || !c.isName(j + 2)) return 'SHOW'
    const end = c.readName(j + 2)
    let name = c.lastName
    const db = c.word(end)
    if ((db === 'from' || db === 'in') && c.isName(end + 1)) name = `${c.part(end + 1)}.${name}`
    c.add(name, -1)
  } else if (kind === 'create' && (c.word(j + 1) === 'table' || c.word(j + 1) === 'view')) c.table(j + 2, REQUIRED)
  return 'SHOW'
}

/** VACUUM, ANALYZE, OPTIMIZE, REPAIR, CHECK, CHECKSUM, REINDEX, CLUSTER, REFRESH: options, then names. */
export function maintenanceHead(c: TableCollector, _from: number, k: number): string {
  const verb = c.word(k).toUpperCase()
  let j = k + 1
  for (;;) {
    if (j === k + 1 && c.kind(j) === K.LParen) j = c.closeOf(j) + 1
    const w = c.word(j)
    if (MAINTENANCE_NO_TABLE.has(w)) return verb
    if (!MAINTENANCE_OPTIONS.has(w)) break
    j++
  }
  if (c.kind(j) !== K.Eof) nameList(c, j)
  return verb
}
