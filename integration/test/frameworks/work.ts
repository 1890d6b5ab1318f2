import { allowRepeats } from '@querycost/core'
import type { Db } from './db.js'

/** What each route does, the same whatever the framework, so every app reports the same figures. */
export function work(db: Db) {
  const loop = async (): Promise<number> => {
    // The N+1 the suites look for: one statement per user, 30 times.
    for (let id = 1; id <= 30; id++) await db.pool.query('SELECT name FROM qc_fw_users WHERE id = $1', [id])
    return 30
  }
  return {
    /** GET /users/:id: pg 1 SELECT (1 row), redis 1 GET (1 row). */
    async user(id: number) {
      const { rows } = await db.pool.query('SELECT name FROM qc_fw_users WHERE id = $1', [id])
      const session = await db.redis.get(`qcfwsession:${id}`)
      return { name: rows[0]?.name, session }
    },
    /** GET /users/:id/fail: pg 1 SELECT (1 row), then an error. */
    async fail(id: number): Promise<never> {
      await db.pool.query('SELECT name FROM qc_fw_users WHERE id = $1', [id])
      throw new Error('boom')
    },
    /** GET /work/:n: pg n SELECTs (1 row each), mysql 1 SELECT (n rows). */
    async work(n: number) {
      for (let id = 1; id <= n; id++) await db.pool.query('SELECT id FROM qc_fw_users WHERE id = $1', [id])
      const [rows] = await db.my.query('SELECT id FROM qc_fw_orders WHERE id <= ?', [n])
      return { n, orders: (rows as unknown[]).length }
    },
    /** POST /events: pg 1 INSERT (n rows written). */
    async events(n: number) {
      const result = await db.pool.query("INSERT INTO qc_fw_events (kind) SELECT 'x' FROM generate_series(1, $1::int)", [n])
      return { inserted: result.rowCount }
    },
    /** GET /loop: 30 identical SELECTs. */
    loop,
    /** GET /loop/allowed: the same loop, marked as known. */
    loopAllowed: () => allowRepeats(loop),
    /** GET /slow: pg 1 SELECT, then waits until the client goes away. */
    async slow(closed: Promise<unknown>, started: () => void) {
      await db.pool.query('SELECT name FROM qc_fw_users WHERE id = $1', [1])
      started()
      await closed
      return { late: true }
    },
  }
}

export type Work = ReturnType<typeof work>
