import { createRequire } from 'node:module'
import { type CostReport, lostContextStats, measureCost, resetLostContext, runWithCost } from '@querycost/core'
import { setCallbackBinding } from '@querycost/core/driver'
import { instrumentModule as instrumentMysql } from '@querycost/mysql2'
import { instrumentModule as instrumentPg } from '@querycost/pg'
import { lte } from 'drizzle-orm'
import { int, mysqlTable, varchar } from 'drizzle-orm/mysql-core'
import { drizzle as drizzleMysql } from 'drizzle-orm/mysql2'
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres'
import { integer, pgTable, text } from 'drizzle-orm/pg-core'
import knex, { type Knex } from 'knex'
import mysql from 'mysql2'
import pg from 'pg'
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest'
import { exactFigures } from '../../src/expect-report.js'
import { seedMysql, seedPg, TABLE } from './fixtures.js'

const require = createRequire(import.meta.url)
type KnexClient = Knex.Config['client']
/** Knex's own pg and mysql2 clients, given querycost's instrumented driver module (what a user writes). */
function knexClient(dialect: 'postgres' | 'mysql2', driver: unknown): KnexClient {
  const Base = require(`knex/lib/dialects/${dialect}/index.js`) as new (...args: unknown[]) => object
  return class extends Base {
    _driver(): unknown {
      return driver
    }
  } as unknown as KnexClient
}

const pgUsers = pgTable(TABLE, { id: integer('id').primaryKey(), name: text('name').notNull() })
const myUsers = mysqlTable(TABLE, { id: int('id').primaryKey(), name: varchar('name', { length: 64 }).notNull() })

/** The exact figures of one SELECT of `rows` users on `system`. */
const selected = (system: string, rows: number) => {
  const t = { count: 1, rows, affected: 0, errors: 0 }
  return { ...t, tables: { [`${system}:${TABLE}`]: t } }
}
const NOTHING = { count: 0, rows: 0, affected: 0, errors: 0, tables: {} }

interface Builders {
  system: 'pg' | 'mysql'
  knexQuery: (n: number) => Knex.QueryBuilder
  drizzleQuery: (n: number) => PromiseLike<unknown[]>
  close: () => Promise<void>
}

const setups: Array<[string, string | undefined, () => Promise<Builders>]> = [
  [
    'pg',
    inject('pgUrl'),
    async () => {
      const url = inject('pgUrl') as string
      await seedPg(url)
      const driver = instrumentPg(pg)
      // `version` given: knex would otherwise send `select version()` on the first connection.
      const k = knex({ client: knexClient('postgres', driver), connection: url, version: '16', pool: { min: 0, max: 4 } })
      const pool = new driver.Pool({ connectionString: url, max: 4 })
      const db = drizzlePg({ client: pool })
      return {
        system: 'pg',
        knexQuery: (n) => k(TABLE).where('id', '<=', n),
        drizzleQuery: (n) => db.select().from(pgUsers).where(lte(pgUsers.id, n)),
        close: async () => {
          await k.destroy()
          await pool.end()
        },
      }
    },
  ],
  [
    'mysql2',
    inject('mysqlUrl'),
    async () => {
      const url = inject('mysqlUrl') as string
      await seedMysql(url)
      const driver = instrumentMysql(mysql)
      // `version` given: knex would otherwise send `select version()` on the first connection.
      const k = knex({ client: knexClient('mysql2', driver), connection: url, version: '8.0', pool: { min: 0, max: 4 } })
      const pool = driver.createPool({ uri: url, connectionLimit: 4 })
      const db = drizzleMysql({ client: pool.promise() })
      return {
        system: 'mysql',
        knexQuery: (n) => k(TABLE).where('id', '<=', n),
        drizzleQuery: (n) => db.select().from(myUsers).where(lte(myUsers.id, n)),
        close: async () => {
          await k.destroy()
          await new Promise((resolve) => pool.end(resolve))
        },
      }
    },
  ],
]

for (const [name, url, setup] of setups) {
  describe.skipIf(url === undefined)(`lazy query builders returned to a context runner (${name})`, () => {
    let b: Builders
    beforeAll(async () => {
      b = await setup()
    })
    afterAll(async () => {
      setCallbackBinding(true)
      await b?.close()
    })
    afterEach(() => setCallbackBinding(true))

    it('measureCost(() => knexBuilder) and runWithCost(() => knexBuilder) count its statement in the context, exactly', async () => {
      resetLostContext()
      const { result, report } = await measureCost(() => b.knexQuery(3))
      expect(result).toHaveLength(3)
      expect(exactFigures(report)).toEqual(selected(b.system, 3))
      let ended: CostReport | undefined
      const rows = await runWithCost(() => b.knexQuery(4), { onReport: (r) => (ended = r) })
      expect(rows).toHaveLength(4)
      expect(exactFigures(ended as CostReport)).toEqual(selected(b.system, 4))
      expect(lostContextStats().total.count).toBe(0)
    })

    it('runWithCost(() => drizzleQuery) and measureCost(() => drizzleQuery) count its statement in the context, exactly', async () => {
      resetLostContext()
      let ended: CostReport | undefined
      const rows = await runWithCost(() => b.drizzleQuery(5), { onReport: (r) => (ended = r) })
      expect(rows).toHaveLength(5)
      expect(exactFigures(ended as CostReport)).toEqual(selected(b.system, 5))
      const { result, report } = await measureCost(() => b.drizzleQuery(2))
      expect(result).toHaveLength(2)
      expect(exactFigures(report)).toEqual(selected(b.system, 2))
      expect(lostContextStats().total.count).toBe(0)
    })

    it('20 concurrent contexts, each returning a different builder: every report exact', async () => {
      resetLostContext()
      const runs = Array.from({ length: 20 }, (_, i) => {
        const n = (i % 7) + 1
        const query = i % 2 === 0 ? () => b.knexQuery(n) : () => b.drizzleQuery(n)
        return measureCost(query).then(({ report }) => exactFigures(report))
      })
      const reports = await Promise.all(runs)
      expect(reports).toEqual(Array.from({ length: 20 }, (_, i) => selected(b.system, (i % 7) + 1)))
      expect(lostContextStats().total.count).toBe(0)
    })

    it('negative control: awaited after the runner left the context (the old behaviour), both builders lose their statement', async () => {
      // The rebinding switch makes the runners do what they did before the fix:
      // Promise.resolve(builder) a microtask later, outside the context.
      resetLostContext()
      setCallbackBinding(false)
      const knexRun = await measureCost(() => b.knexQuery(3))
      expect(knexRun.result).toHaveLength(3)
      expect(exactFigures(knexRun.report)).toEqual(NOTHING)
      let ended: CostReport | undefined
      await runWithCost(() => b.drizzleQuery(5), { onReport: (r) => (ended = r) })
      expect(exactFigures(ended as CostReport)).toEqual(NOTHING)
      expect(exactFigures(lostContextStats())).toEqual({
        count: 2,
        rows: 8,
        affected: 0,
        errors: 0,
        tables: { [`${b.system}:${TABLE}`]: { count: 2, rows: 8, affected: 0, errors: 0 } },
      })
    })

    it('async () => await builder was always exact: the await runs inside the context', async () => {
      setCallbackBinding(false)
      const { report } = await measureCost(async () => await b.knexQuery(2))
      expect(exactFigures(report)).toEqual(selected(b.system, 2))
    })
  })
}
