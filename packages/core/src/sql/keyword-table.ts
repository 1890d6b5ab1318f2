import { BEFORE_OPERAND, BEFORE_TABLE_QUERY, FROM_FUNCTIONS, LIST_END, MAIN_VERBS, NOT_A_NAME } from './keywords.js'

// Words common enough in SQL text that the lexer hands out one shared lower-case string
// for them instead of slicing and lower-casing each occurrence.
const COMMON = [
  'select',
  'from',
  'where',
  'and',
  'or',
  'not',
  'in',
  'is',
  'null',
  'as',
  'on',
  'join',
  'left',
  'right',
  'inner',
  'outer',
  'full',
  'cross',
  'natural',
  'using',
  'group',
  'by',
  'order',
  'having',
  'limit',
  'offset',
  'union',
  'all',
  'distinct',
  'insert',
  'into',
  'values',
  'update',
  'set',
  'delete',
  'returning',
  'with',
  'recursive',
  'case',
  'when',
  'then',
  'else',
  'end',
  'exists',
  'between',
  'like',
  'ilike',
  'asc',
  'desc',
  'nulls',
  'first',
  'last',
  'true',
  'false',
  'default',
  'primary',
  'key',
  'foreign',
  'references',
  'create',
  'table',
  'index',
  'view',
  'drop',
  'alter',
  'add',
  'column',
  'constraint',
  'unique',
  'check',
  'if',
  'begin',
  'commit',
  'rollback',
  'savepoint',
  'release',
  'start',
  'transaction',
  'count',
  'sum',
  'min',
  'max',
  'avg',
  'coalesce',
  'now',
  'lower',
  'upper',
  'cast',
  'interval',
  'date',
  'time',
  'timestamp',
  'zone',
  'any',
  'some',
  'array',
  'for',
  'share',
  'nowait',
  'skip',
  'locked',
  'only',
  'lateral',
  'conflict',
  'do',
  'nothing',
  'duplicate',
  'replace',
  'ignore',
  'escape',
  'over',
  'partition',
  'window',
  'filter',
  'within',
  'rows',
  'row',
  'range',
  'fetch',
  'next',
  'merge',
  'matched',
  'explain',
  'analyze',
  'show',
  'truncate',
  'copy',
  'lock',
  'tables',
  'call',
  'id',
  'name',
  'status',
  'type',
  'created_at',
  'updated_at',
  'deleted_at',
  'int',
  'integer',
  'bigint',
  'text',
  'varchar',
  'boolean',
  'jsonb',
  'json',
  'uuid',
  'straight_join',
  'low_priority',
  'high_priority',
  'dual',
  'materialized',
  'temporary',
  'temp',
  'cascade',
  'unlogged',
  'outfile',
  'dumpfile',
  'delayed',
]

const WORDS: readonly string[] = [
  ...new Set([...COMMON, ...LIST_END, ...NOT_A_NAME, ...FROM_FUNCTIONS, ...MAIN_VERBS, ...BEFORE_TABLE_QUERY, ...BEFORE_OPERAND]),
]
/** Words in the table: {@link keywordOf} takes 1 to this. */
export const KEYWORD_COUNT = WORDS.length
/** Longest word in the table: longer words skip the lookup. */
export const MAX_KEYWORD_LENGTH = Math.max(...WORDS.map((w) => w.length))

const MASK = 2047
// Open addressing on the word's hash; 0 marks an empty slot, otherwise index + 1.
const SLOTS = new Uint16Array(MASK + 1)
for (let i = 0; i < WORDS.length; i++) {
  const word = WORDS[i]!
  let h = 0
  for (let j = 0; j < word.length; j++) h = keywordHash(h, word.charCodeAt(j))
  let slot = h & MASK
  while (SLOTS[slot] !== 0) slot = (slot + 1) & MASK
  SLOTS[slot] = i + 1
}

/** Folds one character (case-insensitively) into a running keyword hash. */
export function keywordHash(h: number, c: number): number {
  return (Math.imul(h, 31) + (c >= 65 && c <= 90 ? c + 32 : c)) | 0
}

/**
 * Index + 1 of `sql[start, end)` in the keyword table when it is a known keyword (any
 * case), found without allocating; 0 otherwise. `hash` is {@link keywordHash} over the word.
 */
export function keywordIndexAt(sql: string, start: number, end: number, hash: number): number {
  const length = end - start
  if (length > MAX_KEYWORD_LENGTH) return 0
  for (let slot = hash & MASK; ; slot = (slot + 1) & MASK) {
    const index = SLOTS[slot]!
    if (index === 0) return 0
    const word = WORDS[index - 1]!
    if (word.length !== length) continue
    let j = 0
    while (j < length) {
      const c = sql.charCodeAt(start + j)
      if ((c >= 65 && c <= 90 ? c + 32 : c) !== word.charCodeAt(j)) break
      j++
    }
    if (j === length) return index
  }
}

/** The shared lower-case keyword of a {@link keywordIndexAt} result (not 0). */
export function keywordOf(index: number): string {
  return WORDS[index - 1]!
}
