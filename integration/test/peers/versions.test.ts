import { createRequire } from 'node:module'
import { measureCost } from '@querycost/core'
import * as qcIoredis from '@querycost/ioredis'
import * as qcMysql2 from '@querycost/mysql2'
import * as qcPg from '@querycost/pg'
import { Redis as IORedis5 } from 'ioredis'
import IORedisOldest from 'ioredis-oldest'
import IORedis6 from 'ioredis6'
import IORedis6Oldest from 'ioredis6-oldest'
import mysql2 from 'mysql2'
import mysql2Newest from 'mysql2-newest'
import mysql2Oldest from 'mysql2-oldest'
import pg from 'pg'
import { describe, expect, inject, it } from 'vitest'
import { exactFigures } from '../../src/expect-report.js'
import { DB } from '../ioredis/fixtures.js'

// Each driver package claims a peer range; these are its oldest and newest releases
// (npm aliases in integration/package.json), each counting one known request exactly.

const redisUrl = inject('redisUrl')
const pgUrl = inject('pgUrl')
const mysqlUrl = inject('mysqlUrl')

const t = (count: number, rows: number, affected: number) => ({ count, rows, affected, errors: 0 })

type RedisClass = typeof IORedis5
const ioredis: [string, RedisClass][] = [
  ['ioredis 5.0.0', IORedisOldest as unknown as RedisClass],
  ['ioredis 5.11.1', IORedis5],
  ['ioredis 6.0.0', IORedis6Oldest as unknown as RedisClass],
  ['ioredis 6.1.0', IORedis6 as unknown as RedisClass],
]

describe.skipIf(redisUrl === undefined).each(ioredis)('%s', (_name, Redis) => {
  it('counts SET and GET exactly, through instrument() and instrumentModule()', async () => {
    const key = `qcpeer:${process.pid}`
    const client = qcIoredis.instrument(new Redis(redisUrl as string, { db: DB }))
    const Instrumented = qcIoredis.instrumentModule(Redis)
    const own = new Instrumented(redisUrl as string, { db: DB })
    try {
      const { report } = await measureCost(async () => {
        expect(await client.set(key, 'v')).toBe('OK')
        expect(await own.get(key)).toBe('v')
        expect(await client.del(key)).toBe(1)
      })
      expect(own).toBeInstanceOf(Redis)
      expect(exactFigures(report)).toEqual({ ...t(3, 1, 2), tables: { 'redis:qcpeer': t(3, 1, 2) } })
    } finally {
      client.disconnect()
      own.disconnect()
    }
  })
})

type PgModule = typeof pg
// pg 8.0.0 to 8.0.2 never connect on Node 14 and later (raw, too), so the range starts at
// 8.0.3. Required, not imported: an ESM import reads every export, and pg 8.0's `native`
// getter then logs that pg-native is missing.
const pgOldest = createRequire(import.meta.url)('pg-oldest') as PgModule
const pgs: [string, PgModule][] = [
  ['pg 8.0.3', pgOldest],
  ['pg 8.23.1', pg],
]

describe.skipIf(pgUrl === undefined).each(pgs)('%s', (_name, driver) => {
  it('counts one SELECT exactly through a Pool', async () => {
    const pool = qcPg.instrument(new driver.Pool({ connectionString: pgUrl as string, max: 1 }))
    try {
      const { report } = await measureCost(async () => {
        const res = await pool.query("SELECT relname FROM pg_class WHERE relname IN ('pg_class', 'pg_type')")
        expect(res.rows).toHaveLength(2)
      })
      expect(exactFigures(report)).toEqual({ ...t(1, 2, 0), tables: { 'pg:pg_class': t(1, 2, 0) } })
    } finally {
      await pool.end()
    }
  })
})

type Mysql2Module = typeof mysql2
const mysqls: [string, Mysql2Module][] = [
  ['mysql2 3.0.0', mysql2Oldest as unknown as Mysql2Module],
  ['mysql2 3.24.6', mysql2],
  ['mysql2 3.26.1', mysql2Newest as unknown as Mysql2Module],
]

describe.skipIf(mysqlUrl === undefined).each(mysqls)('%s', (_name, driver) => {
  it('counts one SELECT exactly through a callback pool', async () => {
    const pool = qcMysql2.instrument(driver.createPool({ uri: mysqlUrl as string, connectionLimit: 1 }))
    try {
      const sql =
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'information_schema' AND table_name IN ('TABLES', 'COLUMNS')"
      const { report } = await measureCost(
        () =>
          new Promise<void>((resolve, reject) => {
            pool.query(sql, (error: Error | null, rows: unknown) => {
              if (error) return reject(error)
              expect(rows).toHaveLength(2)
              resolve()
            })
          }),
      )
      expect(exactFigures(report)).toEqual({ ...t(1, 2, 0), tables: { 'mysql:information_schema.tables': t(1, 2, 0) } })
    } finally {
      await new Promise((resolve) => pool.end(resolve))
    }
  })

  // Seen at pool.config.waitForConnections (packages/mysql2/src/pool.ts), so every
  // version in the range must read it as 3.24 does.
  it('counts a checkout refused at queueLimit under mysql:(connection)', async () => {
    const pool = qcMysql2.instrument(driver.createPool({ uri: mysqlUrl as string, connectionLimit: 1, queueLimit: 1 }))
    const checkout = () =>
      new Promise<{ error: Error | null; connection?: { release(): void } }>((resolve) =>
        pool.getConnection((error: Error | null, connection?: { release(): void }) => resolve({ error, connection })),
      )
    try {
      const held = await checkout()
      const queued = checkout()
      const { report } = await measureCost(async () => {
        expect((await checkout()).error?.message).toBe('Queue limit reached.')
      })
      held.connection?.release()
      ;(await queued).connection?.release()
      const refused = { count: 0, rows: 0, affected: 0, errors: 1 }
      expect(exactFigures(report)).toEqual({ ...refused, tables: { 'mysql:(connection)': refused } })
    } finally {
      await new Promise((resolve) => pool.end(resolve))
    }
  })
})
