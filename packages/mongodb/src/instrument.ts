import { CommandTracker } from './command-tracker.js'
import { monitorConnected } from './connected.js'
import { isInstrumented, markInstrumented } from './core.js'
import { hookMonitoring } from './monitoring.js'
import type { MongoClientLike } from './types.js'

/**
 * Instruments a `MongoClient`, in place (best before it connects; a connected one, as
 * Mongoose hands over, works too): every command it sends
 * (through any `Db`, `Collection`, cursor, session or change stream reached from it)
 * is counted per collection against the cost context that sent it. Returns the same
 * client; instrumenting twice is a no-op.
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
  hookMonitoring(mongo, new CommandTracker())
  if (mongo.topology != null && !monitorConnected(mongo.topology)) {
    throw new Error(
      '@querycost/mongodb: this connected MongoClient could not be instrumented; call instrument(client) before client.connect()',
    )
  }
  markInstrumented(mongo)
  return client
}
