import { wrapConnection } from './operation.js'
import type { ConnectionLike, ConnectionType, PoolLike, TopologyLike } from './types.js'

const hooked = new WeakSet<PoolLike>()

/**
 * Makes every connection of the topology's pools count its commands: each pool's
 * `connectionType` (the class it makes connections with, a documented driver option)
 * becomes a factory that wraps what the driver's class makes, and the connections a
 * pool already holds are wrapped in place. Reaches the pools through the driver's
 * internals (`topology.s.servers`, `server.pool`), checked on `mongodb` 6 and 7;
 * returns `false` when they are not shaped as expected. Pools already hooked are left.
 */
export function hookPools(topology: TopologyLike | undefined): boolean {
  const servers = topology?.s?.servers
  if (!(servers instanceof Map)) return false
  for (const server of servers.values()) {
    const pool = server.pool
    if (pool === undefined || typeof pool.options !== 'object') return false
    if (hooked.has(pool)) continue
    const Base = pool.options.connectionType
    if (typeof Base !== 'function') return false
    hooked.add(pool)
    pool.options = Object.freeze({ ...pool.options, connectionType: counting(Base) })
    for (const connection of [...(pool.connections ?? []), ...(pool.checkedOut ?? [])]) wrapConnection(connection)
  }
  return true
}

function counting(Base: ConnectionType): ConnectionType {
  // Called with `new`: returning an object makes it the result, so the pool gets the
  // driver's own connection (its class, prototype and `instanceof` intact), wrapped.
  function QuerycostConnection(...args: never[]): ConnectionLike {
    const connection = new Base(...args)
    wrapConnection(connection)
    return connection
  }
  return QuerycostConnection as unknown as ConnectionType
}
