import { once } from 'node:events'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import Router from '@koa/router'
import express from 'express'
import express4 from 'express4'
import Fastify from 'fastify'
import Koa from 'koa'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { state } from '../src/context/store.js'
import { beginOperation, bindCallback, makeTarget } from '../src/driver.js'
import { type CostReport, expressCost, fastifyCost, koaCost, WRONG_FRAMEWORK } from '../src/index.js'

const users = makeTarget('pg', 'SELECT', ['users'], 'select * from users where id = ?')
const query = (rows: number): Promise<void> =>
  new Promise((resolve) => {
    const op = beginOperation(users)
    const bound = bindCallback(resolve)
    setTimeout(() => {
      op.end(rows, 0)
      bound()
    }, 1)
  })

async function serve(handler: http.RequestListener): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer(handler)
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) }
}

const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 30))
const names = (reports: CostReport[]): string[] => reports.map((r) => `${r.name} ${r.total.count}`).sort()

afterEach(() => {
  for (const key of [...state.reportedErrors])
    if (key.startsWith('wrong-framework') || key.includes('name()')) state.reportedErrors.delete(key)
})

describe.each([
  ['Express 5', express],
  ['Express 4', express4 as unknown as typeof express],
])('%s', (_label, framework) => {
  it('keeps the mount prefix on routes and in error handlers', async () => {
    const reports: CostReport[] = []
    const app = framework()
    app.use(expressCost({ onReport: (r) => reports.push(r) }))
    const router = framework.Router()
    router.get('/:id', async (_req, res) => {
      await query(1)
      res.send('ok')
    })
    router.get('/:id/fail', (_req, _res, next) => {
      query(1).then(() => next(new Error('boom')))
    })
    const outer = framework.Router()
    outer.use('/users', router)
    app.use('/api', outer)
    const sub = framework()
    sub.get('/:id', (_req, res) => {
      res.send('ok')
    })
    sub.get('/:id/fail', (_req, _res, next) => next(new Error('boom')))
    app.use('/sub', sub)
    app.use((_error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      res.status(500).send('failed')
    })
    const { url, close } = await serve(app)
    try {
      expect((await fetch(`${url}/api/users/7`)).status).toBe(200)
      expect((await fetch(`${url}/api/users/7/fail`)).status).toBe(500)
      expect((await fetch(`${url}/api/nowhere/1`)).status).toBe(404)
      expect((await fetch(`${url}/sub/1`)).status).toBe(200)
      expect((await fetch(`${url}/sub/1/fail`)).status).toBe(500)
      await settle()
    } finally {
      await close()
    }
    expect(names(reports)).toEqual([
      'GET (unmatched) 0',
      'GET /api/users/:id 1',
      'GET /api/users/:id/fail 1',
      'GET /sub/:id 0',
      'GET /sub/:id/fail 0',
    ])
  })
})

describe('koaCost', () => {
  it('names requests by the matched route, nested prefixes and thrown errors included', async () => {
    const reports: CostReport[] = []
    const app = new Koa()
    app.silent = true
    app.use(koaCost({ onReport: (r) => reports.push(r) }))
    const inner = new Router()
    inner.get('/:id', async (ctx) => {
      await query(2)
      ctx.body = 'ok'
    })
    inner.get('/:id/fail', async () => {
      await query(1)
      throw new Error('boom')
    })
    const outer = new Router({ prefix: '/api' })
    outer.use('/users', inner.routes())
    app.use(outer.routes())
    const { url, close } = await serve(app.callback())
    try {
      expect((await fetch(`${url}/api/users/7`)).status).toBe(200)
      expect((await fetch(`${url}/api/users/7/fail`)).status).toBe(500)
      expect((await fetch(`${url}/nowhere`)).status).toBe(404)
      await settle()
    } finally {
      await close()
    }
    expect(names(reports)).toEqual(['GET (unmatched) 0', 'GET /api/users/:id 1', 'GET /api/users/:id/fail 1'])
  })

  it('expressCost() given to Koa warns once, naming koaCost, and the app still answers', async () => {
    // Captured, not printed: the warning is what a user would see on stderr.
    const emitted = vi.spyOn(process, 'emitWarning').mockImplementation(() => {})
    const app = new Koa()
    app.use(expressCost() as never)
    app.use((ctx) => {
      ctx.body = 'fine'
    })
    const { url, close } = await serve(app.callback())
    try {
      for (let i = 0; i < 2; i++) {
        const res = await fetch(url)
        expect([res.status, await res.text()]).toEqual([200, 'fine'])
      }
      await settle()
    } finally {
      await close()
    }
    const warnings = emitted.mock.calls.map(([w]) => w as Error & { code?: string })
    emitted.mockRestore()
    expect(warnings.map((w) => [w.code, w.message])).toEqual([
      [WRONG_FRAMEWORK, 'querycost: expressCost() is Express middleware and was given to Koa: use app.use(koaCost()) instead.'],
    ])
  })
})

describe('fastifyCost', () => {
  it('names requests by routeOptions.url, prefixes included, and keeps context through a parsed body', async () => {
    const reports: CostReport[] = []
    const app = Fastify()
    await app.register(fastifyCost({ onReport: (r) => reports.push(r) }))
    await app.register(
      async (scope) => {
        scope.get('/:id', async () => {
          await query(3)
          return 'ok'
        })
        scope.post('/:id', async (request) => {
          const n = (request.body as { n: number }).n
          for (let i = 0; i < n; i++) await query(1)
          return 'ok'
        })
        scope.get('/:id/fail', async () => {
          await query(1)
          throw new Error('boom')
        })
      },
      { prefix: '/users' },
    )
    await app.listen({ port: 0, host: '127.0.0.1' })
    const { port } = app.server.address() as AddressInfo
    const url = `http://127.0.0.1:${port}`
    try {
      expect((await fetch(`${url}/users/7`)).status).toBe(200)
      const post = await fetch(`${url}/users/7`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"n":4}' })
      expect(post.status).toBe(200)
      expect((await fetch(`${url}/users/7/fail`)).status).toBe(500)
      expect((await fetch(`${url}/nowhere`)).status).toBe(404)
      await settle()
    } finally {
      await app.close()
    }
    expect(names(reports)).toEqual(['GET (unmatched) 0', 'GET /users/:id 1', 'GET /users/:id/fail 1', 'POST /users/:id 4'])
  })
})

describe('a middleware in the wrong framework', () => {
  it('koaCost() and fastifyCost() given to Express warn once each, naming the right one, and the app still answers', async () => {
    const emitted = vi.spyOn(process, 'emitWarning').mockImplementation(() => {})
    const app = express()
    app.use(koaCost() as never)
    app.use(fastifyCost() as never)
    app.get('/', (_req, res) => {
      res.send('fine')
    })
    const { url, close } = await serve(app)
    try {
      for (let i = 0; i < 2; i++) expect(await fetch(url).then((r) => r.text())).toBe('fine')
      await settle()
    } finally {
      await close()
    }
    const warnings = emitted.mock.calls.map(([w]) => (w as Error).message)
    emitted.mockRestore()
    expect(warnings).toEqual([
      'querycost: koaCost() is Koa middleware: with Express use app.use(expressCost()), with Fastify register fastifyCost().',
      'querycost: fastifyCost() is a Fastify plugin: app.register(fastifyCost()); with Express use expressCost(), with Koa koaCost().',
    ])
  })

  it("a name() that throws is reported once and the request keeps the framework's name", async () => {
    const reports: CostReport[] = []
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
    const app = express()
    app.use(
      expressCost({
        name: () => {
          throw new Error('bad name')
        },
        onReport: (r) => reports.push(r),
      }),
    )
    app.get('/users/:id', (_req, res) => {
      res.send('ok')
    })
    const { url, close } = await serve(app)
    try {
      for (let i = 0; i < 2; i++) await fetch(`${url}/users/${i}`).then((r) => r.text())
      await settle()
    } finally {
      await close()
    }
    const lines = stderr.mock.calls.filter(([line]) => String(line).includes('middleware name()'))
    stderr.mockRestore()
    expect(reports.map((r) => r.name)).toEqual(['GET /users/:id', 'GET /users/:id'])
    expect(lines).toHaveLength(1)
  })
})
