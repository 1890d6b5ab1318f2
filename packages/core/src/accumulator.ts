import type { CostConfig } from './config.js'
import { addTo, type CostStats, emptyStats } from './stats.js'
import { type OperationTarget, OTHER } from './target.js'

/** One table's figures and its per-operation breakdown. */
export interface TableEntry {
  readonly system: string
  readonly table: string
  readonly stats: CostStats
  readonly operations: Map<string, CostStats>
}

/** One fingerprint's repetition figures. */
export interface FingerprintEntry {
  readonly system: string
  readonly fingerprint: string
  readonly tables: readonly string[]
  count: number
  durationMs: number
}

/**
 * Adds operations up per system, table, operation and fingerprint, within fixed
 * bounds so memory stays flat whatever a request does.
 */
export class Accumulator {
  readonly total: CostStats = emptyStats()
  readonly systems = new Map<string, CostStats>()
  readonly tables = new Map<string, TableEntry>()
  readonly fingerprints = new Map<string, FingerprintEntry>()
  readonly config: Readonly<CostConfig>

  constructor(config: Readonly<CostConfig>) {
    this.config = config
  }

  /** Records one finished operation against every table it touched. */
  record(target: OperationTarget, durationMs: number, rows: number, affected: number, errors: number): void {
    addTo(this.total, 1, durationMs, rows, affected, errors)
    let system = this.systems.get(target.system)
    if (system === undefined) {
      system = emptyStats()
      this.systems.set(target.system, system)
    }
    addTo(system, 1, durationMs, rows, affected, errors)
    const keys = target.tableKeys
    for (let i = 0; i < keys.length; i++) {
      const entry = this.tableEntry(target.system, keys[i] as string, target.tables[i] as string)
      addTo(entry.stats, 1, durationMs, rows, affected, errors)
      addTo(this.operationEntry(entry, target.verb), 1, durationMs, rows, affected, errors)
    }
    if (target.fingerprintKey !== undefined) this.recordFingerprint(target, durationMs)
  }

  /** Rows that arrive before their operation ends (cursor and stream batches). */
  recordRows(target: OperationTarget, rows: number): void {
    this.total.rows += rows
    const system = this.systems.get(target.system)
    if (system === undefined) {
      const fresh = emptyStats()
      fresh.rows = rows
      this.systems.set(target.system, fresh)
    } else {
      system.rows += rows
    }
    const keys = target.tableKeys
    for (let i = 0; i < keys.length; i++) {
      const entry = this.tableEntry(target.system, keys[i] as string, target.tables[i] as string)
      entry.stats.rows += rows
      this.operationEntry(entry, target.verb).rows += rows
    }
  }

  private tableEntry(system: string, key: string, table: string): TableEntry {
    let entry = this.tables.get(key)
    if (entry !== undefined) return entry
    if (this.tables.size >= this.config.maxTables) {
      const otherKey = `${system}:${OTHER}`
      entry = this.tables.get(otherKey)
      if (entry !== undefined) return entry
      key = otherKey
      table = OTHER
    }
    entry = { system, table, stats: emptyStats(), operations: new Map() }
    this.tables.set(key, entry)
    return entry
  }

  private operationEntry(entry: TableEntry, verb: string): CostStats {
    let stats = entry.operations.get(verb)
    if (stats !== undefined) return stats
    if (entry.operations.size >= this.config.maxOperationsPerTable) {
      stats = entry.operations.get(OTHER)
      verb = OTHER
      if (stats !== undefined) return stats
    }
    stats = emptyStats()
    entry.operations.set(verb, stats)
    return stats
  }

  private recordFingerprint(target: OperationTarget, durationMs: number): void {
    const key = target.fingerprintKey as string
    const entry = this.fingerprints.get(key)
    if (entry !== undefined) {
      entry.count++
      entry.durationMs += durationMs
      return
    }
    // Past the bound a new fingerprint is not tracked: the ones already seen are the
    // ones a loop repeats, and a request with thousands of distinct statements has
    // no single repeated one worth listing.
    if (this.fingerprints.size >= this.config.maxFingerprints) return
    this.fingerprints.set(key, {
      system: target.system,
      fingerprint: target.fingerprint as string,
      tables: target.tables,
      count: 1,
      durationMs,
    })
  }
}
