// The event-loop concern's shared shapes: imports nothing, so context/ and report/ can name
// them without importing the hook back.

/** Options of `configure({ eventLoop })`; `true` means all defaults. */
export interface EventLoopOptions {
  /**
   * A stretch at least this long counts in `longSyncCount`, and in every other open
   * context's `loopDelayMs`.
   * @default 10
   */
  longSyncMs?: number
}

/** The event-loop figures a report gains with `configure({ eventLoop: true })`. */
export interface SyncFields {
  /** Time the context's own code ran synchronously on the loop, in ms. */
  syncMs: number
  /** Its longest single stretch, in ms. */
  longestSyncMs: number
  /** Its stretches of at least `eventLoop.longSyncMs`. */
  longSyncCount: number
  /** Time it waited, while open, on long stretches that other code ran, in ms. */
  loopDelayMs: number
}
