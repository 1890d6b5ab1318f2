import { instrument } from './instrument.js'
import type { PgModuleLike } from './types.js'

/**
 * A `pg` module whose `Pool` and `Client` instrument themselves, for ORMs and query
 * builders that construct clients from a driver module (Sequelize's `dialectModule`,
 * Knex's driver, Drizzle). The classes extend pg's own, so `instanceof` holds; every
 * other export is pg's.
 *
 * @example
 * import pg from 'pg'
 * const sequelize = new Sequelize(url, { dialect: 'postgres', dialectModule: instrumentModule(pg) })
 */
export function instrumentModule<M extends PgModuleLike>(pg: M): M {
  const BasePool = pg.Pool as unknown as new (...args: unknown[]) => object
  const BaseClient = pg.Client as unknown as new (...args: unknown[]) => object
  class Pool extends BasePool {
    constructor(...args: unknown[]) {
      super(...args)
      instrument(this as never)
    }
  }
  class Client extends BaseClient {
    constructor(...args: unknown[]) {
      super(...args)
      instrument(this as never)
    }
  }
  const instrumented = Object.create(pg) as M
  Object.defineProperty(instrumented, 'Pool', { value: Pool, enumerable: true })
  Object.defineProperty(instrumented, 'Client', { value: Client, enumerable: true })
  Object.defineProperty(instrumented, 'default', { value: instrumented, enumerable: false })
  return instrumented
}
