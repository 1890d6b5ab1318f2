import { roundMs } from '../accounting/stats.js'
import type { SyncFields } from './types.js'

/** Running event-loop figures of one context (or of the code that ran with none). */
export class SyncTally {
  syncMs = 0
  longestSyncMs = 0
  longSyncCount = 0
  loopDelayMs = 0

  /** `since`: when the context was first seen running (the start of its exposure to others' stalls). */
  constructor(readonly since: number) {}

  /** Adds one finished stretch of `ms`. */
  addStretch(ms: number, longSyncMs: number): void {
    this.syncMs += ms
    if (ms > this.longestSyncMs) this.longestSyncMs = ms
    if (ms >= longSyncMs) this.longSyncCount++
  }

  /** The published figures, with a stretch still running (`openMs`, 0 if none) included. */
  fields(openMs: number, longSyncMs: number): SyncFields {
    return {
      syncMs: roundMs(this.syncMs + openMs),
      longestSyncMs: roundMs(Math.max(this.longestSyncMs, openMs)),
      longSyncCount: this.longSyncCount + (openMs >= longSyncMs ? 1 : 0),
      loopDelayMs: roundMs(this.loopDelayMs),
    }
  }
}
