import { instrument } from './instrument.js'
import type { MongoModuleLike } from './types.js'

type Constructor = new (...args: unknown[]) => object

/**
 * A `mongodb` module whose `MongoClient` instruments itself, for code that builds its
 * own clients: every other export is the driver's. The `MongoClient` is a subclass of
 * the driver's, so `instanceof MongoClient` holds.
 *
 * @example
 * import * as mongodb from 'mongodb'
 * import { instrumentModule } from '@querycost/mongodb'
 * const { MongoClient } = instrumentModule(mongodb)
 * const client = new MongoClient(url) // counted
 */
export function instrumentModule<M extends object>(mongodb: M): M {
  const Base = (mongodb as unknown as MongoModuleLike).MongoClient as unknown as Constructor
  if (typeof Base !== 'function') {
    throw new TypeError("@querycost/mongodb: instrumentModule() takes the mongodb module, e.g. instrumentModule(await import('mongodb'))")
  }
  class MongoClient extends Base {
    constructor(...args: unknown[]) {
      super(...args)
      instrument(this)
    }
  }
  Object.defineProperty(MongoClient, 'name', { value: 'MongoClient' })
  const wrapped = Object.create(null) as Record<string, unknown>
  for (const key of Object.keys(mongodb)) wrapped[key] = (mongodb as Record<string, unknown>)[key]
  wrapped.MongoClient = MongoClient
  if ('default' in mongodb) wrapped.default = wrapped
  return Object.freeze(wrapped) as unknown as M
}
