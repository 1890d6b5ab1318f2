import type { System } from './servers.js'

/** A started container and how to stop it. */
export interface Started {
  url: string
  stop: () => Promise<unknown>
}

/**
 * Starts a throwaway server with testcontainers, or returns `undefined` when this
 * machine has no container runtime (`getContainerRuntimeClient()` throws then).
 */
export async function startContainer(system: System): Promise<Started | undefined> {
  const { getContainerRuntimeClient } = await import('testcontainers')
  try {
    await getContainerRuntimeClient()
  } catch {
    return undefined
  }
  switch (system) {
    case 'pg': {
      const { PostgreSqlContainer } = await import('@testcontainers/postgresql')
      const c = await new PostgreSqlContainer('postgres:16-alpine')
        .withDatabase('test')
        .withUsername('postgres')
        .withPassword('postgres')
        .start()
      return { url: c.getConnectionUri(), stop: () => c.stop() }
    }
    case 'mysql': {
      const { MySqlContainer } = await import('@testcontainers/mysql')
      const c = await new MySqlContainer('mysql:8.4').withDatabase('test').withRootPassword('').start()
      return { url: `mysql://root@${c.getHost()}:${c.getPort()}/test`, stop: () => c.stop() }
    }
    case 'redis': {
      const { RedisContainer } = await import('@testcontainers/redis')
      const c = await new RedisContainer('redis:7-alpine').start()
      return { url: c.getConnectionUrl(), stop: () => c.stop() }
    }
    case 'mongodb': {
      const { MongoDBContainer } = await import('@testcontainers/mongodb')
      // A one-member replica set, so sessions and transactions work as on the test server.
      const c = await new MongoDBContainer('mongo:7').start()
      return { url: `${c.getConnectionString()}/?directConnection=true`, stop: () => c.stop() }
    }
    default:
      return undefined
  }
}
