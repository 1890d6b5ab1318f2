import { instrument as instrumentRedis } from '@querycost/ioredis'
import { instrument as instrumentMongo } from '@querycost/mongodb'
import { instrument as instrumentMysql } from '@querycost/mysql2'
import { instrument as instrumentPg } from '@querycost/pg'
import { Redis } from 'ioredis'
import { MongoClient } from 'mongodb'
import mysql from 'mysql2'
import mysqlp from 'mysql2/promise'
import pg from 'pg'
import { afterAll, beforeAll, describe, inject } from 'vitest'
import { DB } from '../mongodb/fixtures.js'

/** Figures a test states exactly for one call: count, rows, affected, errors per table. */
export type Figures = Record<string, { count: number; rows: number; affected: number; errors: number }>

/**
 * One driver package under a behaviour test, against its real server, behind one
 * interface: what differs between drivers (how to send, what a table is called) is
 * here; the behaviour files state the rule once and run it over every subject. Each
 * test file passes its own `tag`, so files running side by side never share a table.
 */
export interface Subject {
  readonly driver: (typeof DRIVERS)[number]
  readonly system: string
  /** The table key (`system:table`) of {@link read}. */
  readonly table: string
  /** The instrumented client, pool or connection (a pool of `poolSize` where the driver has pools). */
  readonly client: object
  /** Sends one operation that returns `n` rows (1 to 10), promise form. */
  read(n: number): Promise<unknown>
  /**
   * The same, callback form (the callback is the driver's). MongoDB's driver has had no
   * callbacks since v5: there, the other way to read, a cursor iterated with `for await`.
   */
  readCallback(n: number): Promise<unknown>
  /** Sends one operation the server rejects, through the instrumented client (`raw`: an uninstrumented one). */
  fail(raw?: boolean): Promise<unknown>
  /** The table key of {@link fail}'s operation. */
  readonly failTable: string
  /**
   * Several statements (SQL) or commands (Redis: MULTI … EXEC) in one call, and their exact
   * figures. Not MongoDB: no call of its carries several commands (see multi-statement.test.ts).
   */
  many?(): Promise<unknown>
  readonly manyFigures?: { count: number; rows: number; tables: Figures }
  /** Pools only: checks the pool's one connection out and gives the function that releases it. */
  hold?(): Promise<() => void>
  /** `instrument` of this driver package. */
  instrument<T extends object>(target: T): T
  close(): Promise<void>
}

const fig = (count: number, rows: number, errors = 0) => ({ count, rows, affected: 0, errors })

async function pgSubject(url: string, tag: string, poolSize: number): Promise<Subject> {
  const rows = `qc_bh_${tag}_rows`
  const seed = new pg.Client({ connectionString: url })
  await seed.connect()
  await seed.query(
    `DROP TABLE IF EXISTS ${rows}; CREATE TABLE ${rows} (id int PRIMARY KEY); INSERT INTO ${rows} SELECT g FROM generate_series(1, 10) g`,
  )
  await seed.end()
  const pool = instrumentPg(new pg.Pool({ connectionString: url, max: poolSize }))
  const raw = new pg.Pool({ connectionString: url, max: 1 })
  const read = `SELECT * FROM ${rows} WHERE id <= $1`
  return {
    driver: 'pg',
    system: 'pg',
    table: `pg:${rows}`,
    client: pool,
    read: (n) => pool.query(read, [n]),
    readCallback: (n) => new Promise((resolve, reject) => pool.query(read, [n], (e: Error, r: unknown) => (e ? reject(e) : resolve(r)))),
    fail: (isRaw) =>
      (isRaw ? raw : pool).query(`SELECT * FROM qc_bh_${tag}_missing`).then(
        () => undefined,
        (e: unknown) => e,
      ),
    failTable: `pg:qc_bh_${tag}_missing`,
    many: () => pool.query(`SELECT * FROM ${rows} WHERE id <= 2; SELECT * FROM ${rows} WHERE id <= 3`),
    manyFigures: { count: 2, rows: 5, tables: { [`pg:${rows}`]: fig(2, 5) } },
    async hold() {
      const held = await pool.connect()
      return () => held.release()
    },
    instrument: instrumentPg as <T extends object>(t: T) => T,
    close: async () => {
      await pool.end()
      await raw.end()
    },
  }
}

async function mysqlSubject(url: string, tag: string, poolSize: number): Promise<Subject> {
  const rows = `qc_bh_${tag}_rows`
  const seed = await mysqlp.createConnection({ uri: url, multipleStatements: true })
  await seed.query(
    `DROP TABLE IF EXISTS ${rows}; CREATE TABLE ${rows} (id int PRIMARY KEY); INSERT INTO ${rows} VALUES (1),(2),(3),(4),(5),(6),(7),(8),(9),(10)`,
  )
  await seed.end()
  const pool = instrumentMysql(mysql.createPool({ uri: url, connectionLimit: poolSize, multipleStatements: true }))
  const raw = mysql.createPool({ uri: url, connectionLimit: 1 })
  const read = `SELECT * FROM ${rows} WHERE id <= ?`
  return {
    driver: 'mysql2',
    system: 'mysql',
    table: `mysql:${rows}`,
    client: pool,
    read: (n) => pool.promise().query(read, [n]),
    readCallback: (n) => new Promise((resolve, reject) => pool.query(read, [n], (e, r) => (e ? reject(e) : resolve(r)))),
    fail: (isRaw) =>
      (isRaw ? raw : pool)
        .promise()
        .query(`SELECT * FROM qc_bh_${tag}_missing`)
        .then(
          () => undefined,
          (e: unknown) => e,
        ),
    failTable: `mysql:qc_bh_${tag}_missing`,
    many: () => pool.promise().query(`SELECT * FROM ${rows} WHERE id <= 2; SELECT * FROM ${rows} WHERE id <= 3`),
    manyFigures: { count: 2, rows: 5, tables: { [`mysql:${rows}`]: fig(2, 5) } },
    async hold() {
      const held = await pool.promise().getConnection()
      return () => held.release()
    },
    instrument: instrumentMysql as <T extends object>(t: T) => T,
    close: async () => {
      await pool.promise().end()
      await raw.promise().end()
    },
  }
}

async function redisSubject(url: string, tag: string): Promise<Subject> {
  const key = `qcbh${tag}:list`
  const db = 3 // the ioredis suites' database
  const raw = new Redis(url, { db })
  await raw.del(key)
  await raw.rpush(key, ...Array.from({ length: 10 }, (_, i) => `e${i}`))
  const redis = instrumentRedis(new Redis(url, { db }))
  await redis.ping() // connected before the tests: the set-up is no operation, but the ready check is timing
  return {
    driver: 'ioredis',
    system: 'redis',
    table: `redis:qcbh${tag}`,
    client: redis,
    read: (n) => redis.lrange(key, 0, n - 1),
    readCallback: (n) => new Promise((resolve, reject) => redis.lrange(key, 0, n - 1, (e, r) => (e ? reject(e) : resolve(r)))),
    // A list is no string: INCR is rejected by the server (WRONGTYPE).
    fail: (isRaw) =>
      (isRaw ? raw : redis).incr(key).then(
        () => undefined,
        (e: unknown) => e,
      ),
    failTable: `redis:qcbh${tag}`,
    many: () => redis.multi().lrange(key, 0, 1).lrange(key, 0, 2).exec(),
    // MULTI and EXEC are commands too (table `(none)`); each queued one has its rows from EXEC's reply.
    manyFigures: { count: 4, rows: 5, tables: { [`redis:qcbh${tag}`]: fig(2, 5), 'redis:(none)': fig(2, 0) } },
    instrument: instrumentRedis as <T extends object>(t: T) => T,
    close: async () => {
      redis.disconnect()
      raw.disconnect()
    },
  }
}

/**
 * Checks out the one connection of `client`'s pool, as an operation would, and gives the
 * function that checks it back in. The driver has no public checkout (every operation
 * checks out and in by itself), so this reaches into its server's pool: the same
 * `checkOut` its operations call, which emits the pool's check-out events.
 */
async function holdMongoConnection(client: MongoClient): Promise<() => void> {
  type Pool = { checkOut(options: object): Promise<object>; checkIn(connection: object): void }
  const topology = (client as unknown as { topology: { s: { servers: Map<string, { pool: Pool }> } } }).topology
  const [server] = topology.s.servers.values()
  if (server === undefined) throw new Error('holdMongoConnection: the client is not connected')
  const connection = await server.pool.checkOut({ timeoutContext: { connectionCheckoutTimeout: undefined, csotEnabled: () => false } })
  return () => server.pool.checkIn(connection)
}

async function mongoSubject(url: string, tag: string, poolSize: number): Promise<Subject> {
  const name = `qc_bh_${tag}_rows`
  const raw = new MongoClient(url, { maxPoolSize: 1 })
  const seeded = raw.db(DB).collection<{ _id: number }>(name)
  await seeded.drop().catch(() => undefined)
  await seeded.insertMany(Array.from({ length: 10 }, (_, k) => ({ _id: k + 1 })))
  const client = instrumentMongo(new MongoClient(url, { maxPoolSize: poolSize }))
  await client.connect() // the handshakes are no operations, but they take time
  const rows = client.db(DB).collection<{ _id: number }>(name)
  return {
    driver: 'mongodb',
    system: 'mongodb',
    table: `mongodb:${name}`,
    client,
    read: (n) => rows.find({ _id: { $lte: n } }).toArray(),
    readCallback: async (n) => {
      const found: unknown[] = []
      for await (const doc of rows.find({ _id: { $lte: n } })) found.push(doc)
      return found
    },
    // `_id` 1 is there already: the server rejects the insert (E11000).
    fail: (isRaw) =>
      (isRaw ? raw.db(DB).collection<{ _id: number }>(name) : rows).insertOne({ _id: 1 }).then(
        () => undefined,
        (e: unknown) => e,
      ),
    failTable: `mongodb:${name}`,
    hold: () => holdMongoConnection(client),
    instrument: instrumentMongo as <T extends object>(t: T) => T,
    close: async () => {
      await client.close()
      await raw.close()
    },
  }
}

/** The drivers a behaviour runs over: every one whose server this run has. */
export const DRIVERS = ['pg', 'mysql2', 'ioredis', 'mongodb'] as const

const URL_KEYS = { pg: 'pgUrl', mysql2: 'mysqlUrl', ioredis: 'redisUrl', mongodb: 'mongodbUrl' } as const

/** Whether this run reaches `driver`'s server (with `CI` set, global set-up fails instead of skipping). */
export function reachable(driver: (typeof DRIVERS)[number]): boolean {
  return inject(URL_KEYS[driver]) !== undefined
}

/** Opens `driver` for the test file tagged `tag` (its own tables or keys), with a pool of `poolSize` where it has pools. */
export function openSubject(driver: (typeof DRIVERS)[number], tag: string, poolSize = 2): Promise<Subject> {
  if (driver === 'pg') return pgSubject(inject('pgUrl') as string, tag, poolSize)
  if (driver === 'mysql2') return mysqlSubject(inject('mysqlUrl') as string, tag, poolSize)
  if (driver === 'mongodb') return mongoSubject(inject('mongodbUrl') as string, tag, poolSize)
  return redisSubject(inject('redisUrl') as string, tag)
}

/**
 * Declares the behaviour `body` once per driver (`drivers`: the ones it applies to),
 * each with its subject open for the whole group.
 */
export function overDrivers(
  tag: string,
  body: (subject: () => Subject) => void,
  drivers: readonly (typeof DRIVERS)[number][] = DRIVERS,
  poolSize = 2,
): void {
  for (const driver of drivers) {
    describe.skipIf(!reachable(driver))(driver, () => {
      let subject: Subject | undefined
      beforeAll(async () => {
        subject = await openSubject(driver, tag, poolSize)
      })
      afterAll(async () => subject?.close())
      body(() => subject as Subject)
    })
  }
}

/** The drivers with pools (MongoDB's: every operation checks a connection out and in, like a pool shortcut). */
export const POOLED = ['pg', 'mysql2', 'mongodb'] as const
