/** The five numbers every level of a report carries. */
export interface CostStats {
  /** Operations sent to the server. */
  count: number
  /** Summed operation time in milliseconds, from send to result. */
  durationMs: number
  /** Rows, values or documents returned to the application. */
  rows: number
  /** Rows, keys or documents written (inserted, updated, deleted). */
  affected: number
  /** Operations that ended in an error. */
  errors: number
}

/** A fresh, all-zero {@link CostStats}. */
export function emptyStats(): CostStats {
  return { count: 0, durationMs: 0, rows: 0, affected: 0, errors: 0 }
}

/** Adds one operation's figures to `stats`. */
export function addTo(stats: CostStats, count: number, durationMs: number, rows: number, affected: number, errors: number): void {
  stats.count += count
  stats.durationMs += durationMs
  stats.rows += rows
  stats.affected += affected
  stats.errors += errors
}

/** Milliseconds rounded to microseconds, so reports stay readable and stable. */
export function roundMs(ms: number): number {
  return Math.round(ms * 1000) / 1000
}

/** A copy of `stats` with its duration rounded, as it appears in a report. */
export function publishStats(stats: CostStats): CostStats {
  return { count: stats.count, durationMs: roundMs(stats.durationMs), rows: stats.rows, affected: stats.affected, errors: stats.errors }
}
