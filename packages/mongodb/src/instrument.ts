import { hookClientEvents } from './client-events.js'
import { isInstrumented, markInstrumented } from './core.js'
import { hookPools } from './pool.js'
import type { MongoClientLike } from './types.js'

/**
 * Instruments a `MongoClient`, in place (before it connects, or after: a connected one,
 * as Mongoose hands over, works too): every command it sends (through any `Db`,
 * `Collection`, cursor, session or change stream reached from it) is counted per
 * collection against the cost context that sent it. Returns the same client;
 * instrumenting twice is a no-op.
 *
 * @example
 * import { MongoClient } from 'mongodb'
 * import { instrument } from '@querycost/mongodb'
 * const client = instrument(new MongoClient(process.env.MONGODB_URL))
 * await client.db('shop').collection('orders').find({ status: 'new' }).toArray()
 */
export function instrument<C extends object>(client: C): C {
  const mongo = client as unknown as MongoClientLike
  if (typeof mongo?.emit !== 'function' || typeof mongo.options !== 'object' || mongo.options === null) {
    throw new TypeError('@querycost/mongodb: instrument() takes a MongoClient, e.g. instrument(new MongoClient(url))')
  }
  if (isInstrumented(mongo)) return client
  if (mongo.topology != null && !hookPools(mongo.topology)) {
    throw new Error(
      '@querycost/mongodb: this connected MongoClient could not be instrumented; call instrument(client) before client.connect()',
    )
  }
  hookClientEvents(mongo)
  markInstrumented(mongo)
  return client
}
