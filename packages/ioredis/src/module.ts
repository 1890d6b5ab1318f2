import { instrument } from './instrument.js'
import type { InstrumentOptions } from './options.js'

type Constructor = new (...args: unknown[]) => object

/**
 * An ioredis whose clients instrument themselves, for code that constructs its own
 * (queues, session stores, rate limiters): pass it wherever a library takes the
 * ioredis module or a `Redis` class. It is a subclass of ioredis's `Redis`, so
 * `instanceof Redis` holds and its static members are ioredis's; its `Cluster` is an
 * instrumented subclass of ioredis's `Cluster`.
 *
 * @example
 * import IORedis from 'ioredis'
 * import { instrumentModule } from '@querycost/ioredis'
 * const Redis = instrumentModule(IORedis)
 * const redis = new Redis(process.env.REDIS_URL)          // counted
 * const cluster = new Redis.Cluster([{ host, port }])      // counted
 */
export function instrumentModule<M extends object>(ioredis: M, options?: InstrumentOptions): M {
  const mod = ioredis as { Redis?: unknown; Cluster?: unknown }
  const BaseRedis = (mod.Redis ?? ioredis) as unknown as Constructor
  if (typeof BaseRedis !== 'function') {
    throw new TypeError("@querycost/ioredis: instrumentModule() takes the ioredis module, e.g. instrumentModule(require('ioredis'))")
  }
  class Redis extends BaseRedis {
    constructor(...args: unknown[]) {
      super(...args)
      instrument(this, options)
    }
  }
  const BaseCluster = mod.Cluster as unknown as Constructor | undefined
  if (typeof BaseCluster === 'function') {
    class Cluster extends BaseCluster {
      constructor(...args: unknown[]) {
        super(...args)
        instrument(this, options)
      }
    }
    Object.defineProperty(Redis, 'Cluster', { value: Cluster, enumerable: true, configurable: true, writable: true })
  }
  Object.defineProperty(Redis, 'Redis', { value: Redis, enumerable: true, configurable: true, writable: true })
  Object.defineProperty(Redis, 'default', { value: Redis, enumerable: false, configurable: true, writable: true })
  return Redis as unknown as M
}
