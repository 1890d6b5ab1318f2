import { once } from 'node:events'
import { expressCost } from '@querycost/core'
import express from 'express'

/**
 * The demo's Express app, listening on 127.0.0.1 (a free port). `expressCost` goes
 * first so every request gets its own cost context; it names each report by the
 * route pattern (`GET /api/users/:id`) when the response ends.
 *
 * @param {{ routers: import('express').Router[], onReport: (report: object) => void }} options
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function startApp({ routers, onReport }) {
  const app = express()
  app.use(expressCost({ onReport }))
  app.use(express.json())
  for (const router of routers) app.use('/api', router)
  app.use((error, _req, res, _next) => {
    res.status(500).json({ error: error.message })
  })

  const server = app.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address()
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      }),
  }
}
