import type { Operation } from '@querycost/core/driver'
import type { ClusterPipeline, Role } from './internal-types.js'
import type { CommandLike } from './types.js'

// A counted command keeps its state in fields of the ioredis Command object itself:
// three fields (where ioredis adds one at most, `pipelineIndex`, which V8 keeps in the
// object), so it costs no object of its own (core's Operation aside), and its reply
// hooks are functions shared by every command (see hooks.ts). With thousands of
// commands in flight, per-command objects and closures are what garbage collection
// pays for. Whether a client sent it yet is told by which shared `reject` it has; its
// rules come back from its name (`infoOf`) when it ends. `Symbol.for` keys: every copy
// of this package reads and writes the same fields, so a Command is counted once.

/** The command's operation; set once the command is counted (by any copy of this package). */
export const OP = Symbol.for('querycost.ioredis.op')
/** ioredis's own `resolve` (or whatever `command.resolve` was when it was hooked). */
export const RESOLVE = Symbol.for('querycost.ioredis.resolve')
/** ioredis's own `reject`, likewise. */
export const REJECT = Symbol.for('querycost.ioredis.reject')
/** The command's part in a transaction; only commands sent in one have it. */
export const ROLE = Symbol.for('querycost.ioredis.role')
/** The Cluster pipeline the command was queued in; only commands of one have it. */
export const PIPELINE = Symbol.for('querycost.ioredis.pipeline')

/** A counted Command. */
export type Tracked = CommandLike & {
  [OP]: Operation
  [RESOLVE]: (value: unknown) => unknown
  [REJECT]: (error: unknown) => unknown
  /** Its {@link Role} while in a transaction, `null` once the transaction ended. */
  [ROLE]?: Role | null
  /** The Cluster pipeline it was queued in, which may send it again (see settle.ts). */
  [PIPELINE]?: ClusterPipeline
}

/** Whether `command` is already counted. */
export function isTracked(command: CommandLike): command is Tracked {
  return (command as Partial<Tracked>)[OP] !== undefined
}
