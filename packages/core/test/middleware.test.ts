import { once } from 'node:events'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import express from 'express'
import { describe, expect, it } from 'vitest'
import { beginOperation, bindCallback, makeTarget } from '../src/driver.js'
import { type CostReport, expressCost, withCost } from '../src/index.js'

const users = makeTarget('pg', 'SELECT', ['users'], 'select * from users where id = ?')

/** A stand-in query that completes on a timer made outside the request, like a socket. */
function fakeQuery(rows: number, callback: () => void): void {
  const op = beginOperation(users)
  const bound = bindCallback(callback)
  setTimeout(() => {
    op.end(rows, 0)
    bound()
  }, 2)
}
const query = (rows: number): Promise<void> => new Promise((resolve) => fakeQuery(rows, resolve))

async function serve(handler: http.RequestListener): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer(handler)
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

describe('expressCost', () => {
  it('gives each concurrent request its own report, named by route pattern', async () => {
    const reports: CostReport[] = []
    const app = express()
    app.use(expressCost({ onReport: (r) => reports.push(r) }))
    const router = express.Router()
    router.get('/:id', async (req, res) => {
      const n = Number(req.params.id)
      for (let i = 0; i < n; i++) await query(i)
      res.json({ n })
    })
    app.use('/users', router)
    app.get('/health', (_req, res) => {
      res.send('ok')
    })
    const { url, close } = await serve(app)
    try {
      await Promise.all([1, 2, 3, 4, 5, 6].map((n) => fetch(`${url}/users/${n}`).then((r) => r.json())))
      await fetch(`${url}/health`).then((r) => r.text())
      await fetch(`${url}/nowhere`).then((r) => r.text())
      await new Promise((r) => setTimeout(r, 20))
    } finally {
      await close()
    }
    const byCount = reports.filter((r) => r.name === 'GET /users/:id').map((r) => [r.total.count, r.total.rows])
    expect(byCount.sort((a, b) => (a[0] as number) - (b[0] as number))).toEqual([
      [1, 0],
      [2, 1],
      [3, 3],
      [4, 6],
      [5, 10],
      [6, 15],
    ])
    expect(reports.map((r) => r.name).filter((n) => n !== 'GET /users/:id')).toEqual(['GET /health', 'GET (unmatched)'])
  })
})

describe('withCost (node:http)', () => {
  it('reports per request with the name the caller gives', async () => {
    const reports: CostReport[] = []
    const handler = withCost(
      (req, res) => {
        const n = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('n'))
        let left = n
        const next = (): void => {
          if (left-- === 0) {
            res.end('done')
            return
          }
          fakeQuery(1, next)
        }
        next()
      },
      { name: (req) => `${req.method} /work`, onReport: (r) => reports.push(r) },
    )
    const { url, close } = await serve(handler)
    try {
      await Promise.all([3, 7].map((n) => fetch(`${url}/work?n=${n}`).then((r) => r.text())))
      await new Promise((r) => setTimeout(r, 20))
    } finally {
      await close()
    }
    expect(reports.map((r) => [r.name, r.total.count]).sort()).toEqual([
      ['GET /work', 3],
      ['GET /work', 7],
    ])
  })
})

describe('the end of a request', () => {
  it('reports an aborted request once, with the work it did before the client went away', async () => {
    const reports: CostReport[] = []
    let started: () => void = () => {}
    const inHandler = new Promise<void>((resolve) => {
      started = resolve
    })
    const handler = withCost(
      () => {
        // Never answers: the client aborts first.
        fakeQuery(2, () => started())
      },
      { name: () => 'GET /slow', onReport: (r) => reports.push(r) },
    )
    const { url, close } = await serve(handler)
    try {
      const controller = new AbortController()
      const request = fetch(`${url}/slow`, { signal: controller.signal }).catch((error: Error) => error.name)
      await inHandler
      controller.abort()
      expect(await request).toBe('AbortError')
      await new Promise((r) => setTimeout(r, 50))
    } finally {
      await close()
    }
    expect(reports.map((r) => [r.name, r.total.count, r.total.rows])).toEqual([['GET /slow', 1, 2]])
  })

  it('reports a finished response once, after the response is sent', async () => {
    const reports: CostReport[] = []
    let sent = false
    const sentWhenReported: boolean[] = []
    const handler = withCost(
      (_req, res) => {
        fakeQuery(1, () => {
          res.end('ok', () => {
            sent = true
          })
        })
      },
      {
        name: () => 'GET /once',
        onReport: (r) => {
          reports.push(r)
          sentWhenReported.push(sent)
        },
      },
    )
    const { url, close } = await serve(handler)
    try {
      for (let i = 0; i < 3; i++) expect(await fetch(`${url}/once`).then((r) => r.text())).toBe('ok')
      await new Promise((r) => setTimeout(r, 20))
    } finally {
      await close()
    }
    expect(reports.map((r) => [r.name, r.total.count, r.total.rows])).toEqual([
      ['GET /once', 1, 1],
      ['GET /once', 1, 1],
      ['GET /once', 1, 1],
    ])
    expect(sentWhenReported).toEqual([true, true, true])
  })
})
