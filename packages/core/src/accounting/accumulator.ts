import type { CostConfig } from '../context/types.js'
import { makeTarget, type OperationTarget, OTHER } from './target.js'

/**
 * The figures of one operation shape (one cached target) within one context. The summed
 * time is whole seconds and µs (below 1,000,000): small integers, kept in the slot
 * itself (micros.ts), where a double would be a box of its own; {@link slotMs} reads it.
 */
export interface Slot {
  readonly target: OperationTarget
  count: number
  durationS: number
  durationUs: number
  rows: number
  affected: number
  errors: number
}

/** A slot's summed time in milliseconds. */
export function slotMs(slot: Slot): number {
  return slot.durationS * 1000 + slot.durationUs / 1000
}

/** Sets a slot's time to `us` µs, whole seconds carried (apart, so `record` stays small enough to inline). */
function carry(slot: Slot, us: number): void {
  const s = Math.floor(us / 1_000_000)
  slot.durationS += s
  slot.durationUs = us - s * 1_000_000
}

const overflow = new Map<string, OperationTarget>()

/** Where a context's operations go once it tracks `maxShapes` distinct shapes. */
function overflowTarget(system: string): OperationTarget {
  let target = overflow.get(system)
  if (target === undefined) {
    target = makeTarget(system, OTHER, [OTHER])
    overflow.set(system, target)
  }
  return target
}

/**
 * Adds operations up per operation shape: one Map lookup keyed by the shared target
 * object and five additions, whatever the number of tables. Grouping by system, table,
 * operation and fingerprint waits until a report is built (see `aggregate.ts`), so the
 * per-operation cost stays flat; the number of shapes is bounded, so memory is too.
 */
export class Accumulator {
  readonly slots = new Map<OperationTarget, Slot>()
  readonly config: Readonly<CostConfig>

  constructor(config: Readonly<CostConfig>) {
    this.config = config
  }

  /** The slot written last: a request repeats its shapes, and this spares the Map lookup. */
  private last: Slot | undefined

  /** Records one finished operation, its time in whole µs (a small integer: no box when passed). */
  record(target: OperationTarget, durationUs: number, rows: number, affected: number, errors: number): void {
    const last = this.last
    const slot = last !== undefined && last.target === target ? last : this.slotOf(target)
    slot.count++
    const us = slot.durationUs + durationUs
    if (us < 1_000_000) slot.durationUs = us
    else carry(slot, us)
    slot.rows += rows
    slot.affected += affected
    slot.errors += errors
  }

  /** Rows that arrive before their operation ends (cursor and stream batches). */
  recordRows(target: OperationTarget, rows: number): void {
    const last = this.last
    const slot = last !== undefined && last.target === target ? last : this.slotOf(target)
    slot.rows += rows
  }

  /**
   * A failure that was no operation (a connection checkout or connect that failed in the
   * caller's face): one more error, `count` unchanged.
   */
  recordFailure(target: OperationTarget): void {
    this.slotOf(target).errors++
  }

  private slotOf(target: OperationTarget): Slot {
    const slot = this.slots.get(target) ?? this.slotFor(target)
    this.last = slot
    return slot
  }

  private slotFor(target: OperationTarget): Slot {
    if (this.slots.size >= this.config.maxShapes) {
      target = overflowTarget(target.system)
      const existing = this.slots.get(target)
      if (existing !== undefined) return existing
    }
    const slot: Slot = { target, count: 0, durationS: 0, durationUs: 0, rows: 0, affected: 0, errors: 0 }
    this.slots.set(target, slot)
    return slot
  }
}
