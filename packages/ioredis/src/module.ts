import { instrument } from './instrument.js'
import type { InstrumentOptions } from './options.js'

type Constructor = new (...args: unknown[]) => object

/**
 * ioredis's own class behind a proxy whose only difference is construction: `new` (or a
 * subclass's `super()`) builds the client exactly as ioredis does, then instruments it.
 * Everything else reads through to ioredis's class: its `prototype` (so `instanceof`
 * holds, and a method patched or stubbed on `Redis.prototype` reaches the clients
 * ioredis builds internally too: cluster nodes, the cluster and sharded subscribers,
 * whose commands are counted once, on the Cluster that routed them), its statics and
 * named exports. A subclass of ioredis's class would give those internal clients a
 * different prototype from the user's ones.
 */
function constructing<C extends Constructor>(Base: C, options: InstrumentOptions | undefined, statics: Map<PropertyKey, unknown>): C {
  const proxy: C = new Proxy(Base, {
    construct(target, args, newTarget) {
      // `newTarget` is the proxy, or a user's subclass of it: either way its `prototype`.
      const client = Reflect.construct(target, args, newTarget === proxy ? target : newTarget)
      instrument(client, options)
      return client
    },
    get(target, key, receiver) {
      if (statics.has(key)) return statics.get(key)
      return Reflect.get(target, key, receiver)
    },
  })
  return proxy
}

/**
 * An ioredis whose clients instrument themselves, for code that constructs its own
 * (queues, session stores, rate limiters): pass it wherever a library takes the
 * ioredis module or a `Redis` class. It is ioredis's own `Redis` class behind a
 * proxy that instruments each client it constructs: `instanceof Redis` holds,
 * `Redis.prototype` is ioredis's, and its static members and named exports are
 * ioredis's; its `Cluster` is ioredis's `Cluster`, likewise instrumented.
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
  const statics = new Map<PropertyKey, unknown>()
  const Redis = constructing(BaseRedis, options, statics)
  const BaseCluster = mod.Cluster as unknown as Constructor | undefined
  if (typeof BaseCluster === 'function') statics.set('Cluster', constructing(BaseCluster, options, new Map()))
  statics.set('Redis', Redis)
  statics.set('default', Redis)
  return Redis as unknown as M
}
