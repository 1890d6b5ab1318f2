import type { Operation } from './core.js'

/** What a reply says: documents returned, documents written, and whether it reports a failure. */
export interface ReplyFigures {
  rows: number
  affected: number
  failed: boolean
}

/** The client's commands in flight, by the driver's request id (unique in the process). */
export type InFlight = Map<number, Operation>

/** The user's own command monitoring setting, kept apart from the one the driver now reads. */
export interface MonitoringState {
  userMonitoring: boolean
}
