import { Router } from 'express'
import { loadDriverPackage } from './load-driver-package.js'

const PREFIX = 'demo-user'

/**
 * Redis joins the demo when `QUERYCOST_REDIS_URL` is set and `@querycost/ioredis`
 * is built: a read-through cache in front of the users table, so a request costs
 * one Redis GET on a hit, and a GET, a PostgreSQL query and a SET on a miss.
 *
 * @param {import('pg').Pool} pool the instrumented PostgreSQL pool
 */
export async function redisSystem(pool, url = process.env.QUERYCOST_REDIS_URL) {
  if (!url) return { name: 'redis', status: 'skipped: set QUERYCOST_REDIS_URL' }
  const loaded = await loadDriverPackage('@querycost/ioredis')
  if (loaded.missing) return { name: 'redis', status: `skipped: ${loaded.missing}` }
  const { Redis } = await import('ioredis')

  // Start cold, through a plain client: setup is not a request.
  const setup = new Redis(url)
  await setup.del(...Array.from({ length: 10 }, (_, i) => `${PREFIX}:${i + 1}`))
  await setup.quit()

  const redis = loaded.module.instrument(new Redis(url))
  const router = Router()
  router.get('/users/:id/cached', async (req, res) => {
    const key = `${PREFIX}:${Number(req.params.id)}`
    const cached = await redis.get(key)
    if (cached !== null) return res.json(JSON.parse(cached))
    const { rows } = await pool.query('SELECT id, name, email FROM users WHERE id = $1', [Number(req.params.id)])
    await redis.set(key, JSON.stringify(rows[0]), 'EX', 60)
    res.json(rows[0])
  })
  // Each user twice: a miss, then a hit. Sent one at a time, after the reads.
  const requests = [1, 2].flatMap(() =>
    Array.from({ length: 10 }, (_, i) => ({ method: 'GET', path: `/api/users/${i + 1}/cached`, route: 'GET /api/users/:id/cached' })),
  )
  return { name: 'redis', status: url.replace(/\/\/[^@]*@/, '//'), router, requests, close: async () => void (await redis.quit()) }
}
