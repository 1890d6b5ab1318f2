import { Router } from 'express'
import { loadDriverPackage } from './load-driver-package.js'

const REVIEWS = 'demo_reviews'
const VISITS = 'demo_visits'
const DB = 'querycost_demo'

/**
 * Where the demo's MongoDB comes from: `QUERYCOST_MONGODB_URL`, else the integration
 * suite's MongoDB wire-protocol test server, started in this process (when built).
 */
async function mongoServer(url) {
  if (url) return { url, status: url.replace(/\/\/[^@]*@/, '//'), close: async () => {} }
  try {
    const { startMongoServer } = await import('@querycost/integration/mongo-server')
    const server = await startMongoServer()
    return { url: server.url, status: 'in-process MongoDB test server', close: () => server.close() }
  } catch {
    return undefined
  }
}

/**
 * MongoDB joins the demo when `QUERYCOST_MONGODB_URL` is set or the test server can be
 * started, and `@querycost/mongodb` is built: each of 10 users has 12 reviews, and a
 * route reads them in batches of 5 (a `find` and two `getMore`s) and records the visit
 * (an `insert`).
 */
export async function mongodbSystem(url = process.env.QUERYCOST_MONGODB_URL) {
  const loaded = await loadDriverPackage('@querycost/mongodb')
  if (loaded.missing) return { name: 'mongodb', status: `skipped: ${loaded.missing}` }
  const server = await mongoServer(url)
  if (server === undefined) return { name: 'mongodb', status: 'skipped: set QUERYCOST_MONGODB_URL (or build the integration test server)' }
  const { MongoClient } = await import('mongodb')

  // Set up through a plain client: setup is not a request.
  const setup = new MongoClient(server.url)
  const db = setup.db(DB)
  await db.collection(REVIEWS).deleteMany({})
  await db.collection(VISITS).deleteMany({})
  const reviews = Array.from({ length: 10 * 12 }, (_, i) => ({ _id: i + 1, userId: (i % 10) + 1, stars: 1 + (i % 5) }))
  await db.collection(REVIEWS).insertMany(reviews)
  await setup.close()

  const client = loaded.module.instrument(new MongoClient(server.url, { maxPoolSize: 2 }))
  const router = Router()
  router.get('/users/:id/reviews', async (req, res) => {
    const userId = Number(req.params.id)
    const found = await client.db(DB).collection(REVIEWS).find({ userId }, { batchSize: 5 }).toArray()
    await client.db(DB).collection(VISITS).insertOne({ userId, at: new Date() })
    res.json(found)
  })
  const requests = Array.from({ length: 10 }, (_, i) => ({
    method: 'GET',
    path: `/api/users/${i + 1}/reviews`,
    route: 'GET /api/users/:id/reviews',
  }))
  return {
    name: 'mongodb',
    status: server.status,
    router,
    requests,
    close: async () => {
      await client.close()
      await server.close()
    },
  }
}
