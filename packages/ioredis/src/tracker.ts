import { beginOperation } from '@querycost/core/driver'
import { isTracked, OP, type Tracked } from './fields.js'
import { hook, rearm } from './hooks.js'
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

/**
 * Like {@link track}, for a command a pipeline queues: one it queued before, whose
 * promise ioredis re-armed for a cluster pipeline retry, gets its reply hooks back.
 */
export function trackQueued(command: CommandLike, mapper: TableMapper): Tracked {
  if (!isTracked(command)) return track(command, mapper)
  rearm(command)
  return command
}
