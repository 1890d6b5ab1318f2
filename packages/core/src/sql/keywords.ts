/**
 * Word lists the table scanner and the fingerprint consult. Sets of lower-case words:
 * the lexer lower-cases every unquoted word once, so lookups need no case folding.
 */

/**
 * Words that end a comma-separated table list (`FROM a, b`, `UPDATE a, b`) at the
 * list's own depth: after them a comma separates expressions, not tables. `ON` is not
 * one: `FROM a JOIN b ON a.x = b.x, c` lists another table.
 */
export const LIST_END: ReadonlySet<string> = new Set([
  'where',
  'set',
  'group',
  'having',
  'order',
  'limit',
  'window',
  'union',
  'intersect',
  'except',
  'minus',
  'returning',
  'values',
  'select',
  'for',
  'offset',
  'fetch',
  'into',
  'duplicate',
  'conflict',
  'when',
  'lock',
  'procedure',
  'qualify',
  'connect',
  'start',
])

/** Reserved words that can never be a table name where one is expected. */
export const NOT_A_NAME: ReadonlySet<string> = new Set([
  'select',
  'from',
  'where',
  'group',
  'order',
  'having',
  'limit',
  'set',
  'values',
  'on',
  'join',
  'inner',
  'left',
  'right',
  'full',
  'outer',
  'cross',
  'natural',
  'union',
  'intersect',
  'except',
  'and',
  'or',
  'not',
  'as',
  'into',
  'using',
  'returning',
  'by',
  'is',
  'null',
  'case',
  'when',
  'then',
  'else',
  'end',
  'distinct',
  'all',
  'table',
  'insert',
  'update',
  'delete',
  'default',
  'window',
  'explain',
])

/** Functions whose argument syntax uses FROM without naming a table: `EXTRACT(YEAR FROM ts)`. */
export const FROM_FUNCTIONS: ReadonlySet<string> = new Set(['extract', 'substring', 'substr', 'trim', 'overlay', 'position'])

/** First words of a parenthesised query, as opposed to a parenthesised join. */
export const QUERY_START: ReadonlySet<string> = new Set(['select', 'with', 'values', 'table'])

/** Verbs that can follow a CTE list (`WITH ... DELETE ...`). */
export const MAIN_VERBS: ReadonlySet<string> = new Set(['select', 'insert', 'update', 'delete', 'merge', 'values', 'table', 'replace'])

/** Words before `TABLE t` that make it pg's short form of `SELECT * FROM t`. */
export const BEFORE_TABLE_QUERY: ReadonlySet<string> = new Set(['union', 'intersect', 'except', 'all', 'distinct', 'as'])

/** Words after which `+`/`-` is a sign, not arithmetic: `LIMIT -1`, `THEN -2`. */
export const BEFORE_OPERAND: ReadonlySet<string> = new Set([
  'select',
  'where',
  'and',
  'or',
  'not',
  'when',
  'then',
  'else',
  'by',
  'limit',
  'offset',
  'values',
  'return',
  'in',
  'is',
  'like',
  'ilike',
  'between',
  'set',
  'on',
  'having',
  'case',
  'default',
  'interval',
  'distinct',
  'all',
  'any',
  'some',
  'exists',
  'escape',
  'elseif',
  'if',
  'returning',
  'array',
])
