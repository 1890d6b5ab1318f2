import { boundName, MAX_TABLE_LENGTH, OTHER, reportInternalError } from '@querycost/core/driver'
import { MAX_TABLES } from './options.js'

/** A key with no `:` longer than this is not a table name: it goes to {@link NO_PREFIX}. */
export const MAX_BARE_KEY_LENGTH = 32
/** The table of keys that have no `:` and are longer than {@link MAX_BARE_KEY_LENGTH} (`session-8c1f…`). */
export const NO_PREFIX = '(no prefix)'

/**
 * The default table of a key: the key up to its first `:` (`user:42:name` → `user`).
 * A key with none (or starting with one) is its own table when it is at most
 * {@link MAX_BARE_KEY_LENGTH} characters long (`leaderboard`), else {@link NO_PREFIX}:
 * such keys are usually identifiers, which would make a table per key and keep the
 * key's text. A prefix past 128 characters is cut, with a hash. Cardinality is bounded
 * by {@link TableMapper}, not here.
 *
 * @example
 * defaultTable('user:42:name') // 'user'
 * defaultTable('session-8c1f0e9a-4a7b-4d0e-9f8e-2b1c3d4e5f60') // '(no prefix)'
 */
export function defaultTable(key: string): string {
  const colon = key.indexOf(':')
  if (colon > 0) return colon > MAX_TABLE_LENGTH ? boundName(key.slice(0, colon), MAX_TABLE_LENGTH) : key.slice(0, colon)
  return key.length <= MAX_BARE_KEY_LENGTH ? key : NO_PREFIX
}

function keyText(key: unknown): string {
  if (typeof key === 'string') return key
  if (Buffer.isBuffer(key)) return key.toString('latin1')
  return String(key)
}

/**
 * Turns the keys of one client's commands into table names: strips the client's
 * `keyPrefix` (ioredis has already added it to every key), applies the user's mapping
 * or {@link defaultTable}, and keeps at most {@link MAX_TABLES} distinct names so a
 * key space without `:` (`session-8c1f…`) cannot grow a report or this process.
 */
export class TableMapper {
  private readonly prefix: string
  private readonly custom: ((key: string) => string) | undefined
  private readonly seen = new Set<string>()
  /** The last table the default mapping produced, and what it is reported as. */
  private lastTable: string | undefined = undefined
  private lastResult = ''

  constructor(keyPrefix: unknown, custom: ((key: string) => string) | undefined) {
    this.prefix = keyPrefix === undefined || keyPrefix === null ? '' : keyText(keyPrefix)
    this.custom = custom
  }

  /** The table of one key. */
  tableOf(key: unknown): string {
    if (typeof key === 'string' && this.custom === undefined) return this.defaultOf(key)
    let text = keyText(key)
    if (this.prefix !== '' && text.startsWith(this.prefix)) text = text.slice(this.prefix.length)
    let table: string
    if (this.custom === undefined) {
      table = defaultTable(text)
    } else {
      try {
        const mapped = this.custom(text)
        table = typeof mapped === 'string' && mapped !== '' ? mapped : defaultTable(text)
      } catch (error) {
        reportInternalError('ioredis options.table', error)
        table = defaultTable(text)
      }
    }
    return this.bound(table)
  }

  /**
   * {@link defaultTable} of a string key without its prefix, allocating nothing when
   * the key has the same table as the last one (the common run of `user:…` keys).
   */
  private defaultOf(key: string): string {
    const prefix = this.prefix
    const from = prefix !== '' && key.startsWith(prefix) ? prefix.length : 0
    const colon = key.indexOf(':', from)
    const end = colon > from ? colon : key.length
    if (colon <= from && end - from > MAX_BARE_KEY_LENGTH) return this.bound(NO_PREFIX)
    const last = this.lastTable
    if (last !== undefined && last.length === end - from && key.startsWith(last, from)) return this.lastResult
    let table = from === 0 && end === key.length ? key : key.slice(from, end)
    if (table.length > MAX_TABLE_LENGTH) table = boundName(table, MAX_TABLE_LENGTH)
    const result = this.bound(table)
    this.lastTable = table
    this.lastResult = result
    return result
  }

  private bound(table: string): string {
    if (this.seen.has(table)) return table
    if (this.seen.size >= MAX_TABLES) return OTHER
    this.seen.add(table)
    return table
  }
}
