import type { TestProject } from 'vitest/node'
import { type Started, startContainer } from './containers.js'
import { startMongoServer } from './mongo-server/server.js'
import { REDIS_CLUSTER_VARIABLE, type ServerInfo, type System, URL_VARIABLES, urlKey } from './servers.js'

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string | undefined
    mysqlUrl: string | undefined
    redisUrl: string | undefined
    mongodbUrl: string | undefined
    /** A Redis Cluster's seed list (`host:port,...`), from QUERYCOST_REDIS_CLUSTER. */
    redisCluster: string | undefined
    /** Systems with no server, each with how to provide one (checked by test/servers.test.ts). */
    missingServers: string[]
  }
}

const SYSTEMS: System[] = ['pg', 'mysql', 'redis', 'mongodb']
const started: Started[] = []

async function resolve(system: System): Promise<ServerInfo> {
  const fromEnv = process.env[URL_VARIABLES[system]]
  if (fromEnv) return { system, url: fromEnv, source: 'environment' }
  const container = await startContainer(system)
  if (container !== undefined) {
    started.push(container)
    return { system, url: container.url, source: 'testcontainers' }
  }
  if (system === 'mongodb') {
    // No mongod to be had: the wire-protocol test server stands in (see src/mongo-server/).
    const server = await startMongoServer()
    started.push({ url: server.url, stop: () => server.close() })
    return { system, url: server.url, source: 'test server' }
  }
  return { system, url: undefined, source: 'none' }
}

/**
 * Finds a server for each system once per run: the URL in the environment, else a
 * testcontainers container (for MongoDB, else the wire-protocol test server). Under
 * CI a system with neither fails the run (in test/servers.test.ts); elsewhere its
 * suites are skipped, and the line below says how to enable them.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const missing: string[] = []
  for (const system of SYSTEMS) {
    const info = await resolve(system)
    const how = `set ${URL_VARIABLES[system]} or start Docker for testcontainers`
    const where = info.url === undefined ? `none: its suites are skipped (${how})` : `${info.source}: ${redact(info.url)}`
    process.stdout.write(`[querycost integration] ${system}: ${where}\n`)
    if (info.url === undefined) missing.push(`${system} (${how})`)
    project.provide(urlKey(system), info.url)
  }
  // The Redis Cluster comes from the environment only (scripts/redis-cluster.sh starts
  // one; .ci/run does so and exports the variable): a cluster in containers would need
  // its nodes to announce addresses reachable from here, more machinery than it is worth.
  const cluster = process.env[REDIS_CLUSTER_VARIABLE] || undefined
  const how = `set ${REDIS_CLUSTER_VARIABLE}, e.g. to what scripts/redis-cluster.sh start prints`
  process.stdout.write(
    `[querycost integration] redis cluster: ${cluster === undefined ? `none: its suite is skipped (${how})` : `environment: ${cluster}`}\n`,
  )
  if (cluster === undefined) missing.push(`redis cluster (${how})`)
  project.provide('redisCluster', cluster)
  // Under CI a missing server fails test/servers.test.ts with this list (a throw here
  // would make vitest print a misleading "No test files found" first).
  project.provide('missingServers', missing)
  return async () => {
    await Promise.all(started.map((c) => c.stop()))
  }
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')
}
