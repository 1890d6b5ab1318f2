import { type Accumulator, slotMs } from './accumulator.js'
import { addTo, type CostStats, emptyStats } from './stats.js'
import { OTHER } from './target.js'

/** One table's figures and its per-operation breakdown. */
export interface TableEntry {
  readonly system: string
  readonly table: string
  readonly stats: CostStats
  readonly operations: Map<string, CostStats>
}

/** One statement shape's repetition figures. */
export interface FingerprintEntry {
  readonly system: string
  readonly fingerprint: string
  readonly tables: readonly string[]
  count: number
  durationMs: number
}

/** An accumulator's figures grouped as a report shows them. */
export interface Aggregate {
  readonly total: CostStats
  readonly systems: Map<string, CostStats>
  readonly tables: Map<string, TableEntry>
  readonly fingerprints: Map<string, FingerprintEntry>
}

function tableEntry(acc: Accumulator, tables: Map<string, TableEntry>, system: string, key: string, table: string): TableEntry {
  let entry = tables.get(key)
  if (entry !== undefined) return entry
  if (tables.size >= acc.config.maxTables) {
    key = `${system}:${OTHER}`
    table = OTHER
    entry = tables.get(key)
    if (entry !== undefined) return entry
  }
  entry = { system, table, stats: emptyStats(), operations: new Map() }
  tables.set(key, entry)
  return entry
}

function operationEntry(acc: Accumulator, entry: TableEntry, verb: string): CostStats {
  let stats = entry.operations.get(verb)
  if (stats !== undefined) return stats
  if (entry.operations.size >= acc.config.maxOperationsPerTable) {
    verb = OTHER
    stats = entry.operations.get(verb)
    if (stats !== undefined) return stats
  }
  stats = emptyStats()
  entry.operations.set(verb, stats)
  return stats
}

/**
 * Groups an accumulator's shapes per system, table (an operation on a join counts once
 * in each of its tables), operation and fingerprint, within the configured bounds:
 * tables past `maxTables` fold into `system:(other)`, operations past
 * `maxOperationsPerTable` into `(other)`.
 */
export function aggregate(acc: Accumulator): Aggregate {
  const total = emptyStats()
  const systems = new Map<string, CostStats>()
  const tables = new Map<string, TableEntry>()
  const fingerprints = new Map<string, FingerprintEntry>()
  for (const slot of acc.slots.values()) {
    const { target, count, rows, affected, errors } = slot
    const durationMs = slotMs(slot)
    addTo(total, count, durationMs, rows, affected, errors)
    let system = systems.get(target.system)
    if (system === undefined) {
      system = emptyStats()
      systems.set(target.system, system)
    }
    addTo(system, count, durationMs, rows, affected, errors)
    for (let i = 0; i < target.tableKeys.length; i++) {
      const entry = tableEntry(acc, tables, target.system, target.tableKeys[i] as string, target.tables[i] as string)
      addTo(entry.stats, count, durationMs, rows, affected, errors)
      addTo(operationEntry(acc, entry, target.verb), count, durationMs, rows, affected, errors)
    }
    const key = target.fingerprintKey
    if (key === undefined || count === 0) continue
    const seen = fingerprints.get(key)
    if (seen !== undefined) {
      seen.count += count
      seen.durationMs += durationMs
    } else {
      fingerprints.set(key, { system: target.system, fingerprint: target.fingerprint as string, tables: target.tables, count, durationMs })
    }
  }
  return { total, systems, tables, fingerprints }
}

/** The highest repetition count of any statement shape. */
export function maxRepetition(acc: Aggregate): number {
  let max = 0
  for (const entry of acc.fingerprints.values()) if (entry.count > max) max = entry.count
  return max
}
