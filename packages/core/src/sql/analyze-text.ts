import { boundName, MAX_FINGERPRINT_LENGTH, MAX_TABLE_LENGTH } from '../accounting/bounds.js'
import { fingerprintSql, fingerprintTokens } from './fingerprint.js'
import { tokenize } from './lexer.js'
import { statementRanges } from './split.js'
import { extractTables, type StatementTables, UNPARSED } from './tables.js'
import type { SqlStatement } from './types.js'

/** What an empty text (or a value that is not a string) is. */
export const EMPTY: readonly SqlStatement[] = Object.freeze([Object.freeze({ ...UNPARSED, fingerprint: '' })])

/**
 * The statements of `text` with their verbs, tables and fingerprints, uncached: the
 * analysis behind the cache. Never throws; fingerprints are bounded (see `bounds.ts`).
 */
export function analyzeText(text: string, mysql: boolean): readonly SqlStatement[] {
  const tokens = tokenize(text, mysql)
  try {
    const brokenAt = tokens.brokenAt
    const ranges = statementRanges(tokens)
    if (ranges.length === 0) return EMPTY
    const out: SqlStatement[] = []
    // The statement before, and what it was made from: an equal one is the same object.
    let previous: SqlStatement | undefined
    let previousTables: StatementTables | undefined
    for (let i = 0; i < ranges.length; i += 2) {
      const start = ranges[i]!
      const end = ranges[i + 1]!
      const found = extractTables(tokens, start, end, brokenAt >= start && brokenAt < end, previousTables)
      const fingerprint = fingerprintTokens(tokens, start, end, MAX_FINGERPRINT_LENGTH, previous?.fingerprint)
      if (previous === undefined || found !== previousTables || fingerprint !== previous.fingerprint) {
        const { verb, tables } = found
        previous = Object.freeze({ verb, tables: tables.every(isShort) ? tables : Object.freeze(tables.map(keptName)), fingerprint })
        previousTables = found
      }
      out.push(previous)
    }
    return Object.freeze(out)
  } catch {
    tokens.release()
    // A bug here must never reach the query it describes.
    return Object.freeze([Object.freeze({ ...UNPARSED, fingerprint: safeFingerprint(text, mysql) })])
  } finally {
    tokens.release()
  }
}

// V8 keeps a slice of 13 characters or more as a view of the whole text: a table name
// read from a statement would keep its values alive. Shorter slices are copies.
const isShort = (s: string): boolean => s.length < 13

/**
 * A copy of `s` that shares no memory with the text it was read from: slicing the
 * concatenation makes V8 copy both parts into one new string first.
 */
function detach(s: string): string {
  return isShort(s) ? s : `${s} `.slice(0, -1)
}

/**
 * A table name as the cache keeps it: bounded as a report bounds it (`bounds.ts`), so a
 * statement naming a 1 MB table keeps 128 characters in the cache and in the targets'
 * keys, not the megabyte; and detached from the text.
 */
function keptName(s: string): string {
  return detach(boundName(s, MAX_TABLE_LENGTH))
}

function safeFingerprint(text: string, mysql: boolean): string {
  try {
    return detach(boundName(fingerprintSql(text, mysql ? 'mysql' : 'pg'), MAX_FINGERPRINT_LENGTH))
  } catch {
    return ''
  }
}
