/** The database systems the integration suite runs against. */
export type System = 'pg' | 'mysql' | 'redis' | 'mongodb'

/** Where a system's server came from, printed once per run. */
export interface ServerInfo {
  system: System
  url: string | undefined
  source: 'environment' | 'testcontainers' | 'test server' | 'none'
}

/** The environment variable that names each system's server. */
export const URL_VARIABLES: Readonly<Record<System, string>> = Object.freeze({
  pg: 'QUERYCOST_PG_URL',
  mysql: 'QUERYCOST_MYSQL_URL',
  redis: 'QUERYCOST_REDIS_URL',
  mongodb: 'QUERYCOST_MONGODB_URL',
})

/** The vitest `inject()` key of each system's URL. */
export function urlKey(system: System): `${System}Url` {
  return `${system}Url`
}

/**
 * The environment variable with a Redis Cluster's seed nodes, `host:port` joined by
 * commas (`127.0.0.1:7101,127.0.0.1:7102,127.0.0.1:7103`): what `scripts/redis-cluster.sh
 * start` prints, and what `.ci/run` exports. Only the ioredis cluster suite uses it.
 */
export const REDIS_CLUSTER_VARIABLE = 'QUERYCOST_REDIS_CLUSTER'

/** A seed list as ioredis's `Cluster` takes it. */
export function clusterSeeds(list: string): { host: string; port: number }[] {
  return list
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map((s) => {
      const at = s.lastIndexOf(':')
      return { host: s.slice(0, at), port: Number(s.slice(at + 1)) }
    })
}
