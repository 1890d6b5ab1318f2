/**
 * Shapes this package uses internally; the declared driver types users may see are in
 * `types.ts`.
 */
import type { CommandLike } from './types.js'

/** `sendCommand` of a `Redis`, `Cluster` or `Pipeline`, as this package wraps it. */
export type Send = (this: unknown, command: CommandLike, stream?: unknown, node?: unknown) => unknown

/**
 * A Cluster's pipeline: when every command of it fails alike with a redirection (MOVED,
 * ASK, TRYAGAIN, CLUSTERDOWN, a closed connection), ioredis queues them again and sends
 * the pipeline anew; `promise` (what `exec()` returns) settles once it is done.
 */
export interface ClusterPipeline {
  readonly isCluster: true
  readonly promise: Promise<unknown>
}

/** The commands queued between one MULTI and its EXEC (or DISCARD). */
export interface Transaction {
  readonly members: CommandLike[]
}

/** A command's part in a transaction: queued in `tx` (ends with the EXEC reply), or closing it. */
export interface Role {
  readonly tx: Transaction
  readonly closes: boolean
}
