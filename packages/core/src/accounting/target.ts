/**
 * What one operation touches, prepared once and reused for every operation of the
 * same shape (the SQL analysis cache and the Redis command cache hand out the same
 * object), so the hot path only adds numbers.
 */
export interface OperationTarget {
  /** `pg`, `mysql`, `redis` or `mongodb`. */
  readonly system: string
  /** Upper-case operation name: `SELECT`, `HGETALL`, `find`. */
  readonly verb: string
  /** Tables (Redis key prefixes, MongoDB collections) as they appear in a report; never empty. */
  readonly tables: readonly string[]
  /** `system:table` for each of {@link tables}: the keys of a report's `tables`. */
  readonly tableKeys: readonly string[]
  /** Normalised statement, for repetition (N+1) detection; `undefined` to skip it. */
  readonly fingerprint: string | undefined
  /** `system` + NUL + fingerprint: the key of the fingerprint table. */
  readonly fingerprintKey: string | undefined
}

import { boundName, MAX_FINGERPRINT_LENGTH, MAX_OPERATION_LENGTH, MAX_TABLE_LENGTH, MAX_TABLES_PER_OPERATION } from './bounds.js'

/** The table of an operation that touches none (`SELECT 1`, `BEGIN`, `PING`). */
export const NO_TABLE = '(none)'
/** The table of an operation that could not be parsed. */
export const UNKNOWN_TABLE = '(unknown)'
/** Where a bounded report folds the tables, operations and fingerprints past its limit. */
export const OTHER = '(other)'

/**
 * Builds an {@link OperationTarget}. Driver packages call it once per distinct shape
 * and cache the result. Names are bounded here, for every system: a verb past
 * {@link MAX_OPERATION_LENGTH}, a table past {@link MAX_TABLE_LENGTH} and a fingerprint
 * past {@link MAX_FINGERPRINT_LENGTH} characters are cut (with a hash, see
 * {@link boundName}); tables past the {@link MAX_TABLES_PER_OPERATION}th count as one `(other)`.
 *
 * @example
 * const target = makeTarget('redis', 'GET', ['session'])
 */
export function makeTarget(system: string, verb: string, tables: readonly string[], fingerprint?: string): OperationTarget {
  const list = tables.length === 0 ? [NO_TABLE] : boundTables(tables)
  if (fingerprint !== undefined) fingerprint = boundName(fingerprint, MAX_FINGERPRINT_LENGTH)
  return Object.freeze({
    system,
    verb: boundName(verb, MAX_OPERATION_LENGTH),
    tables: Object.freeze([...list]),
    tableKeys: Object.freeze(list.map((table) => `${system}:${table}`)),
    fingerprint,
    fingerprintKey: fingerprint === undefined ? undefined : `${system}\u0000${fingerprint}`,
  })
}

function boundTables(tables: readonly string[]): string[] {
  const out: string[] = []
  for (const table of tables) {
    if (out.length === MAX_TABLES_PER_OPERATION) {
      out.push(OTHER)
      break
    }
    const name = boundName(table, MAX_TABLE_LENGTH)
    if (!out.includes(name)) out.push(name)
  }
  return out
}
