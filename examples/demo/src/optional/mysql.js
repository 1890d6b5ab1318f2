import { Router } from 'express'
import { loadDriverPackage } from './load-driver-package.js'

const TABLE = 'querycost_demo_events'

/**
 * MySQL joins the demo when `QUERYCOST_MYSQL_URL` is set and `@querycost/mysql2` is
 * built: a table of 100 events (created in that database, refilled each run) and a
 * route that lists the latest ten.
 *
 * @returns {Promise<{ name: string, status: string, router?: object, requests?: object[], close?: () => Promise<void> }>}
 */
export async function mysqlSystem(url = process.env.QUERYCOST_MYSQL_URL) {
  if (!url) return { name: 'mysql', status: 'skipped: set QUERYCOST_MYSQL_URL' }
  const loaded = await loadDriverPackage('@querycost/mysql2')
  if (loaded.missing) return { name: 'mysql', status: `skipped: ${loaded.missing}` }
  const mysql = (await import('mysql2/promise')).default

  // Set up through a plain connection: setup is not a request.
  const setup = await mysql.createConnection(url)
  await setup.query(`CREATE TABLE IF NOT EXISTS ${TABLE} (id INT PRIMARY KEY, kind VARCHAR(20) NOT NULL)`)
  await setup.query(`DELETE FROM ${TABLE}`)
  const rows = Array.from({ length: 100 }, (_, i) => [i + 1, i % 2 ? 'login' : 'logout'])
  await setup.query(`INSERT INTO ${TABLE} (id, kind) VALUES ?`, [rows])
  await setup.end()

  const pool = loaded.module.instrument(mysql.createPool({ uri: url, connectionLimit: 2 }))
  const router = Router()
  router.get('/events/recent', async (_req, res) => {
    const [events] = await pool.query(`SELECT id, kind FROM ${TABLE} ORDER BY id DESC LIMIT 10`)
    res.json(events)
  })
  const requests = Array.from({ length: 10 }, () => ({ method: 'GET', path: '/api/events/recent', route: 'GET /api/events/recent' }))
  return { name: 'mysql', status: url.replace(/\/\/[^@]*@/, '//'), router, requests, close: () => pool.end() }
}
