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
