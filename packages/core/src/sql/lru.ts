/** An entry of {@link Lru}, linked from the least to the most recently used. */
interface Entry<K, V> {
  readonly key: K
  value: V
  newer: Entry<K, V> | undefined
  older: Entry<K, V> | undefined
}

/**
 * A bounded least-recently-used cache: a `Map` for lookups plus a linked list for
 * recency. A hit is one Map lookup and a few pointer writes; eviction drops the list's
 * tail. (Evicting through `map.keys().next()` instead makes V8 step over the holes that
 * earlier deletions left at the front of the Map, which costs microseconds per miss.)
 *
 * @example
 * const lru = new Lru<string, number>(2)
 * lru.set('a', 1); lru.set('b', 2); lru.get('a'); lru.set('c', 3) // evicts 'b'
 */
export class Lru<K, V> {
  private readonly map = new Map<K, Entry<K, V>>()
  private newest: Entry<K, V> | undefined
  private oldest: Entry<K, V> | undefined
  private max: number

  /** @param maxEntries entries kept; at least 1. */
  constructor(maxEntries: number) {
    this.max = Math.max(1, Math.floor(maxEntries) || 1)
  }

  /** The value for `key`, marked most recently used; `undefined` on a miss. */
  get(key: K): V | undefined {
    const entry = this.map.get(key)
    if (entry === undefined) return undefined
    if (entry !== this.newest) {
      this.unlink(entry)
      this.push(entry)
    }
    return entry.value
  }

  /** Stores `value` as most recently used, evicting the least recently used past the bound. */
  set(key: K, value: V): void {
    const entry = this.map.get(key)
    if (entry !== undefined) {
      entry.value = value
      this.get(key)
      return
    }
    const added: Entry<K, V> = { key, value, newer: undefined, older: undefined }
    this.map.set(key, added)
    this.push(added)
    this.trim()
  }

  /** Entries held. */
  get size(): number {
    return this.map.size
  }

  /** The bound; lowering it evicts the least recently used entries at once. */
  get capacity(): number {
    return this.max
  }

  set capacity(maxEntries: number) {
    this.max = Math.max(1, Math.floor(maxEntries) || 1)
    this.trim()
  }

  /** The keys held, least recently used first. */
  keys(): K[] {
    const out: K[] = []
    for (let e = this.oldest; e !== undefined; e = e.newer) out.push(e.key)
    return out
  }

  /** Drops every entry. */
  clear(): void {
    this.map.clear()
    this.newest = this.oldest = undefined
  }

  private trim(): void {
    while (this.map.size > this.max && this.oldest !== undefined) {
      const evicted = this.oldest
      this.unlink(evicted)
      this.map.delete(evicted.key)
    }
  }

  private push(entry: Entry<K, V>): void {
    entry.older = this.newest
    entry.newer = undefined
    if (this.newest !== undefined) this.newest.newer = entry
    this.newest = entry
    this.oldest ??= entry
  }

  private unlink(entry: Entry<K, V>): void {
    if (entry.newer !== undefined) entry.newer.older = entry.older
    else this.newest = entry.older
    if (entry.older !== undefined) entry.older.newer = entry.newer
    else this.oldest = entry.newer
  }
}
