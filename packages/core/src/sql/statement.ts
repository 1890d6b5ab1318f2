import { readCteList } from './cte.js'
import { alterHead, copyHead, createHead, dropHead, lockHead, maintenanceHead, renameHead, showHead, truncateHead } from './ddl-heads.js'
import { MAIN_VERBS, QUERY_START } from './keywords.js'
import { scan } from './scan.js'
import { REQUIRED, type TableCollector } from './table-collector.js'
import { TokenKind as K } from './token.js'

/**
 * Reads the statement whose tokens start at `from` (its first word at `k`), records its
 * tables in the collector, and returns its verb, or `undefined` when it is not SQL.
 */
type Head = (c: TableCollector, from: number, k: number) => string | undefined

const INSERT_SKIP: ReadonlySet<string> = new Set(['low_priority', 'delayed', 'high_priority', 'ignore'])
const EXPLAINABLE: ReadonlySet<string> = new Set([...MAIN_VERBS, 'with', 'create', 'execute', 'declare'])
const EXPLAIN_OPTIONS: ReadonlySet<string> = new Set([
  'analyze',
  'analyse',
  'verbose',
  'costs',
  'buffers',
  'settings',
  'wal',
  'timing',
  'summary',
  'format',
  'json',
  'text',
  'xml',
  'yaml',
  'tree',
  'traditional',
  'extended',
  'partitions',
  'generic_plan',
  'memory',
  'serialize',
  'true',
  'false',
  'on',
  'off',
  'none',
  'for',
  'connection',
])
/** Statements that name no table, whatever follows (`REVOKE ... FROM role` is no FROM list). */
const NO_TABLES = [
  'begin',
  'start',
  'commit',
  'rollback',
  'savepoint',
  'release',
  'end',
  'abort',
  'grant',
  'revoke',
  'fetch',
  'move',
  'close',
  'deallocate',
  'listen',
  'notify',
  'unlisten',
  'discard',
  'reset',
  'use',
  'do',
  'flush',
  'kill',
  'xa',
  'checkpoint',
  'execute',
  'unlock',
  'help',
  'purge',
  'install',
  'uninstall',
  'signal',
  'resignal',
  'get',
  'cache',
  'comment',
  'security',
  'import',
  'shutdown',
  'restart',
  'clone',
  'binlog',
  'change',
  'stop',
]

/** The verb a report shows: upper case, with `DESC` spelled out and `TABLE t` read as a SELECT. */
function verbOf(word: string): string {
  return LABELS.get(word) ?? word.toUpperCase()
}

/** Statements whose tables the generic scan finds: queries, DML, SET, CALL, LOAD DATA. */
const generic: Head = (c, from, k) => {
  scan(c, from, c.end, k)
  return verbOf(c.word(k))
}

/** mysql `INSERT [IGNORE] t ...` and `REPLACE t ...` may leave out INTO. */
const insert: Head = (c, from, k) => {
  let j = k + 1
  while (INSERT_SKIP.has(c.keyword(j))) j++
  if (c.keyword(j) !== 'into') c.table(j, REQUIRED)
  return generic(c, from, k)
}

/** `WITH ... <statement>` takes the verb of the statement after the CTE list. */
const withHead: Head = (c, from, k) => {
  let main = readCteList(c, k, -1)
  if (main < 0) return undefined
  while (c.kind(main) === K.LParen) main++
  const verb = c.word(main)
  if (!MAIN_VERBS.has(verb)) return undefined
  scan(c, from, c.end, k)
  return verbOf(verb)
}

/** `EXPLAIN [options] <statement>` has its statement's tables; mysql `EXPLAIN t`/`DESCRIBE t` names one. */
const explain: Head = (c, _from, k) => {
  const verb = verbOf(c.word(k))
  for (let j = k + 1; ; j++) {
    if (c.kind(j) === K.Eof) return verb
    if (c.kind(j) === K.LParen) {
      if (QUERY_START.has(c.word(j + 1))) return dispatch(c, j) === undefined ? undefined : verb
      j = c.closeOf(j) // pg option list: (ANALYZE, FORMAT JSON)
    } else if (c.kind(j) === K.Word) {
      if (EXPLAINABLE.has(c.word(j))) return dispatch(c, j) === undefined ? undefined : verb
      if (!EXPLAIN_OPTIONS.has(c.word(j))) {
        c.table(j, REQUIRED)
        return verb
      }
    } else if (c.kind(j) === K.Quoted || c.kind(j) === K.DoubleQuoted) {
      c.table(j, REQUIRED)
      return verb
    }
  }
}

/** pg `PREPARE name [(types)] AS <statement>`; mysql `PREPARE s FROM '...'` holds its SQL in a string. */
const prepare: Head = (c, _from, k) => {
  let j = k + 2
  if (c.kind(j) === K.LParen) j = c.closeOf(j) + 1
  if (c.word(j) !== 'as') return 'PREPARE'
  return dispatch(c, j + 1) === undefined ? undefined : 'PREPARE'
}

const noTables: Head = (c, _from, k) => verbOf(c.word(k))

const HEADS: ReadonlyMap<string, Head> = new Map<string, Head>([
  ...['select', 'values', 'table', 'update', 'delete', 'merge', 'set', 'call', 'load', 'declare'].map((w): [string, Head] => [w, generic]),
  ['insert', insert],
  ['replace', insert],
  ['with', withHead],
  ['explain', explain],
  ['describe', explain],
  ['desc', explain],
  ['prepare', prepare],
  ['create', createHead],
  ['alter', alterHead],
  ['drop', dropHead],
  ['truncate', truncateHead],
  ['rename', renameHead],
  ['lock', lockHead],
  ['copy', copyHead],
  ['show', showHead],
  ...['vacuum', 'analyze', 'analyse', 'optimize', 'repair', 'check', 'checksum', 'reindex', 'cluster', 'refresh'].map(
    (w): [string, Head] => [w, maintenanceHead],
  ),
  ...NO_TABLES.map((w): [string, Head] => [w, noTables]),
])

/** Verb labels, made once so analysing a statement allocates none. */
const LABELS: ReadonlyMap<string, string> = new Map([
  ...[...HEADS.keys()].map((w): [string, string] => [w, w.toUpperCase()]),
  ['desc', 'DESCRIBE'],
  ['table', 'SELECT'],
])

/**
 * Analyses the statement starting at token `from` (leading parentheses allowed):
 * records its tables in `c` and returns its verb, or `undefined` when it is not SQL
 * this module understands.
 */
export function dispatch(c: TableCollector, from: number): string | undefined {
  let k = from
  while (c.kind(k) === K.LParen) k++
  const head = HEADS.get(c.word(k))
  return head === undefined ? undefined : head(c, from, k)
}
