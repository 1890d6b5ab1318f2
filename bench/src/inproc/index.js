import { config } from '../config.js'
import { loadQuerycost } from '../load.js'
import { benchShape } from '../rounds.js'
import { minRoundOps, saturated } from '../variants.js'
import { literalStatement } from './literals.js'
import { mysqlStream } from './mysql-server.js'
import { pgStream } from './pg-server.js'
import { RedisConnector } from './redis-server.js'

const PG_SELECT = 'SELECT id, name FROM qc_bench_users WHERE id = $1'
const MYSQL_SELECT = 'SELECT id, name FROM qc_bench_users WHERE id = ?'

/**
 * The saturated shapes again, each real driver talking to a server in this process
 * (`wire.js`): no socket, no syscall, no database process on the other core. What is
 * left is the client's own CPU, where the loopback shapes drift by microseconds. With
 * `BENCH_VARIANTS` naming `raw2`, each also runs a second raw client: two identical clients
 * in one process differ by tenths of a microsecond per operation on this project's VM,
 * which bounds what any client-against-client figure here can resolve
 * (`lab/profile/identical.js`).
 */
export function inProcessShapes(modules) {
  const pg = modules.pg
  const mysql = modules.mysql2
  const Redis = modules.ioredis?.Redis
  return [
    pg && {
      driver: 'pg',
      name: 'pg-pipeline',
      shape: 'saturated',
      detail: 'pipeline mode, in process',
      op: (c, i) => c.query(PG_SELECT, [(i % 100) + 1]),
      make: async () => {
        const client = new pg.Client({ stream: pgStream, pipeline: true })
        await client.connect()
        return client
      },
      close: (c) => c.end(),
    },
    pg && {
      driver: 'pg',
      name: 'pg-pool',
      shape: 'pool',
      detail: 'Pool max 10, in process',
      op: (c, i) => c.query(PG_SELECT, [(i % 100) + 1]),
      make: async () => new pg.Pool({ stream: pgStream, max: 10 }),
      close: (c) => c.end(),
    },
    pg && {
      driver: 'pg',
      name: 'pg-literals',
      shape: 'literals',
      detail: 'Pool max 10, every statement distinct in its literals (simple protocol), in process',
      op: (c) => c.query(literalStatement()),
      make: async () => new pg.Pool({ stream: pgStream, max: 10 }),
      close: (c) => c.end(),
    },
    mysql && {
      driver: 'mysql2',
      name: 'mysql2',
      shape: 'saturated',
      detail: 'pool of 10, in process',
      op: (c, i) => c.query(MYSQL_SELECT, [(i % 100) + 1]),
      make: async () => mysql.createPool({ stream: mysqlStream, user: 'root', connectionLimit: 10, trace: config.mysqlTrace }).promise(),
      close: (c) => c.end(),
    },
    Redis && {
      driver: 'ioredis',
      name: 'ioredis',
      shape: 'saturated',
      detail: 'auto-pipelining, in process',
      op: (c, i) => c.get(`qcb:${i % 100}`),
      make: async () => {
        const client = new Redis({ Connector: RedisConnector, enableReadyCheck: false, enableAutoPipelining: true })
        await client.get('qcb:0')
        return client
      },
      close: (c) => c.disconnect(),
    },
  ].filter((s) => s && (config.inProcessShapes === undefined || config.inProcessShapes.has(s.name)))
}

/** The in-process shape called `name` (`pg-pipeline`, `pg-pool`, `pg-literals`, `mysql2`, `ioredis`), for the profile scripts. */
export function inProcessShape(modules, name) {
  const shape = inProcessShapes(modules).find((s) => s.name === name)
  if (shape === undefined) throw new Error(`no in-process shape ${name}`)
  return shape
}

/**
 * How the in-process shapes' rounds run (the profile scripts run theirs the same way):
 * more and shorter than loopback's, each at least twice the operations in flight.
 */
export function inProcessRounds() {
  return { roundMs: config.inProcessRoundMs, rounds: config.inProcessRounds, minOps: minRoundOps(config.concurrency) }
}

/** Runs the in-process shapes; one result per driver, shaped like the loopback ones. */
export async function benchInProcess(modules, log) {
  const byDriver = new Map()
  for (const s of inProcessShapes(modules)) {
    const { instrument, note } = await loadQuerycost(`@querycost/${s.driver}`)
    if (note) log(`${s.driver} in process: querycost variant skipped: ${note}`)
    const result = await benchShape({ ...s, runner: saturated(s.op), instrument, log, rounds: inProcessRounds(), inProcess: true })
    if (!byDriver.has(s.driver)) byDriver.set(s.driver, { driver: s.driver, transport: 'in process', results: [], note })
    byDriver.get(s.driver).results.push(result)
  }
  return [...byDriver.values()]
}
