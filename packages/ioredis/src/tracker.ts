import { beginOperation } from '@querycost/core/driver'
import { isTracked, OP, PIPELINE, type Tracked } from './fields.js'
import { hook, rearm } from './hooks.js'
import type { ClusterPipeline } from './internal-types.js'
import type { TableMapper } from './key-prefix.js'
import { type CommandInfo, infoOf, targetOf } from './targets.js'
import type { CommandLike } from './types.js'

/**
 * Begins the operation of `command` in the current context and hooks its reply, once
 * per Command object: it ends from the raw reply when ioredis resolves or rejects the
 * Command (a command queued in a transaction waits for its EXEC). A Command seen again
 * (offline queue replay, cluster redirection) keeps its operation.
 */
export function track(command: CommandLike, mapper: TableMapper, info: CommandInfo = infoOf(command.name)): Tracked {
  const op = beginOperation(targetOf(info, mapper, command))
  const tracked = command as Tracked
  // Always the same fields in the same order: every counted Command shares one shape.
  tracked[OP] = op
  hook(tracked)
  return tracked
}

/** Whether `pipeline` is a Cluster's, which may send its commands again. */
function clusterPipeline(pipeline: unknown): pipeline is ClusterPipeline {
  const p = pipeline as Partial<ClusterPipeline> | null
  return p !== null && typeof p === 'object' && p.isCluster === true && p.promise instanceof Promise
}

/**
 * Like {@link track}, for a command a pipeline queues: one it queued before, whose
 * promise ioredis re-armed for a cluster pipeline retry, gets its reply hooks back.
 * A Cluster pipeline's command keeps its pipeline, so that a failure it may retry ends
 * the operation only when the pipeline is done.
 */
export function trackQueued(command: CommandLike, mapper: TableMapper, pipeline?: unknown): Tracked {
  if (isTracked(command)) {
    rearm(command)
    return command
  }
  const tracked = track(command, mapper)
  if (clusterPipeline(pipeline)) tracked[PIPELINE] = pipeline
  return tracked
}
