import { OTHER, reportInternalError } from '@querycost/core/driver'
import { MAX_TABLES } from './options.js'

/**
 * The default table of a key: the key up to its first `:` (`user:42:name` → `user`),
 * or the whole key when it has none (or starts with one). Cardinality is bounded by
 * {@link TableMapper}, not here.
 */
export function defaultTable(key: string): string {
  const colon = key.indexOf(':')
  return colon > 0 ? key.slice(0, colon) : key
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

  constructor(keyPrefix: unknown, custom: ((key: string) => string) | undefined) {
    this.prefix = keyPrefix === undefined || keyPrefix === null ? '' : keyText(keyPrefix)
    this.custom = custom
  }

  /** The table of one key. */
  tableOf(key: unknown): string {
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

  private bound(table: string): string {
    if (this.seen.has(table)) return table
    if (this.seen.size >= MAX_TABLES) return OTHER
    this.seen.add(table)
    return table
  }
}
