import { isInstrumented, markInstrumented } from '@querycost/core/driver'
import { TableMapper } from './key-prefix.js'
import { wrapPipelineSend, wrapSendCommand } from './operation.js'
import { type InstrumentOptions, resolveOptions } from './options.js'
import { watchReady } from './setup.js'
import type { RedisLike, SenderLike } from './types.js'

type Method = (this: unknown, ...args: unknown[]) => unknown

/**
 * Whether `duplicate(override)` is a Cluster's own connection: the slot refresher a
 * Cluster makes from one of its nodes for each CLUSTER SLOTS (ioredis names it
 * `ioredis-cluster(refresher)`), so that a node the user instrumented never counts
 * the cluster's refreshes.
 */
function isClusterOwn(override: unknown): boolean {
  const name = (override as { connectionName?: unknown } | null)?.connectionName
  return typeof name === 'string' && name.startsWith('ioredis-cluster(')
}

function wrapPipelineFactory(original: Method, mapper: TableMapper): Method {
  return function (this: unknown, ...args: unknown[]): unknown {
    const pipeline = original.apply(this, args) as SenderLike | undefined
    // multi({ pipeline: false }) answers a promise, not a pipeline.
    if (pipeline !== null && typeof pipeline === 'object' && typeof pipeline.sendCommand === 'function' && 'isPipeline' in pipeline) {
      pipeline.sendCommand = wrapPipelineSend(pipeline.sendCommand as never, mapper) as SenderLike['sendCommand']
    }
    return pipeline
  }
}

/**
 * Counts every command of an ioredis `Redis` or `Cluster` against the cost context of
 * the code that sent it: plain commands (promise or callback), pipelines, `multi()`,
 * auto-pipelining, scan streams, scripts, blocking and pub/sub commands. Returns the
 * same object, instrumented in place (`instanceof`, events and every other method are
 * untouched); instrumenting twice is a no-op. Clients made with `duplicate()` are
 * instrumented the same way.
 *
 * @example
 * import { Redis } from 'ioredis'
 * import { instrument } from '@querycost/ioredis'
 * const redis = instrument(new Redis(process.env.REDIS_URL))
 * // tables are key prefixes: `user:42` counts under `redis:user`
 * const custom = instrument(new Redis(), { table: (key) => key.split(':').slice(0, 2).join(':') })
 */
export function instrument<T extends object>(client: T, options?: InstrumentOptions): T {
  const target = client as unknown as RedisLike
  if (target === null || typeof target !== 'object' || typeof target.sendCommand !== 'function' || typeof target.pipeline !== 'function') {
    throw new TypeError('@querycost/ioredis: instrument() takes an ioredis Redis or Cluster, e.g. instrument(new Redis(url))')
  }
  const resolved = resolveOptions(options)
  if (isInstrumented(target)) return client
  const mapper = new TableMapper(target.options?.keyPrefix, resolved.table)
  target.sendCommand = wrapSendCommand(target.sendCommand as never, mapper) as RedisLike['sendCommand']
  target.pipeline = wrapPipelineFactory(target.pipeline as Method, mapper)
  target.multi = wrapPipelineFactory(target.multi as Method, mapper)
  const duplicate = target.duplicate
  if (typeof duplicate === 'function') {
    target.duplicate = function (this: unknown, ...args: unknown[]): unknown {
      const copy = duplicate.apply(this, args)
      if (copy === null || typeof copy !== 'object' || isClusterOwn(args[0])) return copy
      return instrument(copy, options)
    }
  }
  if (target.isCluster !== true) watchReady(target)
  markInstrumented(target)
  return client
}
