import { activeContext, failConnection } from '@querycost/core/driver'
import { instrument } from './instrument.js'
import type { MysqlInstrumentable, MysqlModuleLike } from './types.js'

const FACTORIES = ['createConnection', 'connect', 'createPool', 'createPoolCluster'] as const

function instrumentResult(result: unknown): unknown {
  if (result !== null && typeof result === 'object' && typeof (result as PromiseLike<unknown>).then === 'function') {
    // mysql2/promise's createConnection resolves once connected; a connect that fails in
    // the caller's face counts as an error under `mysql:(connection)`.
    const context = activeContext()
    return (result as Promise<MysqlInstrumentable>).then(
      (made) => instrument(made),
      (error: unknown) => {
        failConnection(context, 'mysql')
        throw error
      },
    )
  }
  return instrument(result as MysqlInstrumentable)
}

/**
 * A `mysql2` (or `mysql2/promise`) module whose `createConnection`, `connect`,
 * `createPool` and `createPoolCluster` instrument what they create, for ORMs and
 * query builders that construct connections from a driver module (Sequelize's
 * `dialectModule`, a Knex client's driver). Every other export is mysql2's own.
 *
 * @example
 * import mysql2 from 'mysql2'
 * const sequelize = new Sequelize(url, { dialect: 'mysql', dialectModule: instrumentModule(mysql2) })
 */
export function instrumentModule<M extends MysqlModuleLike>(mysql: M): M {
  if (mysql === null || typeof mysql !== 'object' || typeof mysql.createConnection !== 'function') {
    throw new TypeError('@querycost/mysql2: instrumentModule() takes the mysql2 module, e.g. instrumentModule(mysql2)')
  }
  const instrumented = Object.create(mysql) as M
  for (const name of FACTORIES) {
    const factory = mysql[name] as ((...args: unknown[]) => unknown) | undefined
    if (typeof factory !== 'function') continue
    const wrapped = function (this: unknown, ...args: unknown[]): unknown {
      return instrumentResult(factory.apply(this === instrumented ? mysql : this, args))
    }
    Object.defineProperty(instrumented, name, { value: wrapped, enumerable: true, writable: true, configurable: true })
  }
  Object.defineProperty(instrumented, 'default', { value: instrumented, enumerable: false })
  return instrumented
}
