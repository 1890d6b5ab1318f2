import { AsyncLocalStorage } from 'node:async_hooks'
import { once } from 'node:events'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import Router from '@koa/router'
import { type CostReport, currentCost, expressCost, fastifyCost, koaCost, withCost } from '@querycost/core'
import express from 'express'
import express4 from 'express4'
import Fastify from 'fastify'
import Koa from 'koa'
import type { Work } from './work.js'

/** The frameworks every suite runs through. */
export const FRAMEWORKS = ['express5', 'express4', 'koa', 'fastify', 'http'] as const
export type Framework = (typeof FRAMEWORKS)[number]

/** What the app's own request store (the user's, not querycost's) holds: the report must see it. */
interface Own {
  tag: string | undefined
  res: http.ServerResponse
}
const own = new AsyncLocalStorage<Own>()

/** A report as the app received it, with what was true when it arrived. */
export interface Received {
  report: CostReport
  /** The `x-tag` header of the request, read from the app's own store in `onReport`. */
  tag: string | undefined
  /** The response had been sent in full. */
  sent: boolean
  /** `currentCost()` in `onReport` was this report: querycost's context was current. */
  current: boolean
}

export interface App {
  url: string
  received: Received[]
  close(): Promise<void>
}

const tagOf = (req: http.IncomingMessage): string | undefined => req.headers['x-tag'] as string | undefined
const closed = (res: http.ServerResponse): Promise<unknown> => once(res, 'close')

function express5App(
  w: Work,
  onReport: (r: CostReport) => void,
  started: (tag?: string) => void,
  lib: typeof express,
): http.RequestListener {
  const app = lib()
  app.use((req, res, next) => own.run({ tag: tagOf(req), res }, next))
  app.use(expressCost({ onReport }))
  app.use(lib.json())
  const wrap =
    (fn: (req: express.Request, res: express.Response) => Promise<unknown>): express.RequestHandler =>
    (req, res, next) => {
      fn(req, res).then((body) => res.json(body), next)
    }
  const users = lib.Router()
  users.get(
    '/:id',
    wrap((req) => w.user(Number(req.params.id))),
  )
  users.get(
    '/:id/fail',
    wrap((req) => w.fail(Number(req.params.id))),
  )
  app.use('/users', users)
  app.get(
    '/work/:n',
    wrap((req) => w.work(Number(req.params.n))),
  )
  app.post(
    '/events',
    wrap((req) => w.events(req.body.n)),
  )
  app.get(
    '/loop',
    wrap(() => w.loop()),
  )
  app.get(
    '/loop/allowed',
    wrap(() => w.loopAllowed()),
  )
  app.get(
    '/slow',
    wrap((req, res) => w.slow(closed(res), () => started(tagOf(req)))),
  )
  app.use((error: Error, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    res.status(500).json({ error: error.message })
  })
  return app
}

function koaApp(w: Work, onReport: (r: CostReport) => void, started: (tag?: string) => void): http.RequestListener {
  const app = new Koa()
  app.silent = true
  app.use((ctx, next) => own.run({ tag: tagOf(ctx.req), res: ctx.res }, next))
  app.use(koaCost({ onReport }))
  const users = new Router()
  users.get('/:id', async (ctx) => {
    ctx.body = await w.user(Number(ctx.params.id))
  })
  users.get('/:id/fail', async (ctx) => {
    ctx.body = await w.fail(Number(ctx.params.id))
  })
  const router = new Router()
  router.use('/users', users.routes())
  router.get('/work/:n', async (ctx) => {
    ctx.body = await w.work(Number(ctx.params.n))
  })
  router.post('/events', async (ctx) => {
    const chunks: Buffer[] = []
    for await (const chunk of ctx.req) chunks.push(chunk as Buffer)
    ctx.body = await w.events(JSON.parse(Buffer.concat(chunks).toString()).n)
  })
  router.get('/loop', async (ctx) => {
    ctx.body = await w.loop()
  })
  router.get('/loop/allowed', async (ctx) => {
    ctx.body = await w.loopAllowed()
  })
  router.get('/slow', async (ctx) => {
    ctx.body = await w.slow(closed(ctx.res), () => started(tagOf(ctx.req)))
  })
  app.use(router.routes())
  return app.callback()
}

async function fastifyApp(w: Work, onReport: (r: CostReport) => void, started: (tag?: string) => void) {
  const app = Fastify({ forceCloseConnections: true })
  app.addHook('onRequest', (request, reply, done) => own.run({ tag: tagOf(request.raw), res: reply.raw }, done))
  await app.register(fastifyCost({ onReport }))
  await app.register(
    async (users) => {
      users.get<{ Params: { id: string } }>('/:id', (request) => w.user(Number(request.params.id)))
      users.get<{ Params: { id: string } }>('/:id/fail', (request) => w.fail(Number(request.params.id)))
    },
    { prefix: '/users' },
  )
  app.get<{ Params: { n: string } }>('/work/:n', (request) => w.work(Number(request.params.n)))
  app.post<{ Body: { n: number } }>('/events', (request) => w.events(request.body.n))
  app.get('/loop', () => w.loop())
  app.get('/loop/allowed', () => w.loopAllowed())
  app.get('/slow', (request, reply) => w.slow(closed(reply.raw), () => started(tagOf(request.raw))))
  return app
}

/** The plain server's router: patterns by hand, so its names are patterns too. */
const HTTP_ROUTES: [string, RegExp, string][] = [
  ['GET', /^\/users\/(\d+)$/, '/users/:id'],
  ['GET', /^\/users\/(\d+)\/fail$/, '/users/:id/fail'],
  ['GET', /^\/work\/(\d+)$/, '/work/:n'],
  ['POST', /^\/events$/, '/events'],
  ['GET', /^\/loop$/, '/loop'],
  ['GET', /^\/loop\/allowed$/, '/loop/allowed'],
  ['GET', /^\/slow$/, '/slow'],
]
function match(req: http.IncomingMessage): { pattern: string; param: number } | undefined {
  const path = (req.url ?? '/').split('?')[0] as string
  for (const [method, re, pattern] of HTTP_ROUTES) {
    const m = method === req.method ? re.exec(path) : null
    if (m !== null) return { pattern, param: Number(m[1]) }
  }
  return undefined
}

function httpApp(w: Work, onReport: (r: CostReport) => void, started: (tag?: string) => void): http.RequestListener {
  const handler = withCost(
    async (req, res) => {
      const found = match(req)
      const send = (status: number, body: unknown): void => {
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
      }
      if (found === undefined) return send(404, { error: 'not found' })
      try {
        const { pattern, param } = found
        if (pattern === '/users/:id') return send(200, await w.user(param))
        if (pattern === '/users/:id/fail') return send(200, await w.fail(param))
        if (pattern === '/work/:n') return send(200, await w.work(param))
        if (pattern === '/loop') return send(200, await w.loop())
        if (pattern === '/loop/allowed') return send(200, await w.loopAllowed())
        if (pattern === '/slow') return send(200, await w.slow(closed(res), () => started(tagOf(req))))
        const chunks: Buffer[] = []
        for await (const chunk of req) chunks.push(chunk as Buffer)
        return send(200, await w.events(JSON.parse(Buffer.concat(chunks).toString()).n))
      } catch (error) {
        send(500, { error: (error as Error).message })
      }
    },
    { name: (req) => (match(req) === undefined ? undefined : `${req.method} ${match(req)?.pattern}`), onReport },
  )
  return (req, res) => own.run({ tag: tagOf(req), res }, () => handler(req, res))
}

/** Starts `framework`'s app on a free port; `started` is told when /slow has done its query. */
export async function startApp(framework: Framework, w: Work, started: (tag?: string) => void = () => {}): Promise<App> {
  const received: Received[] = []
  const onReport = (report: CostReport): void => {
    const store = own.getStore()
    received.push({ report, tag: store?.tag, sent: store?.res.writableFinished === true, current: currentCost() === report })
  }
  if (framework === 'fastify') {
    const app = await fastifyApp(w, onReport, started)
    await app.listen({ port: 0, host: '127.0.0.1' })
    const { port } = app.server.address() as AddressInfo
    return { url: `http://127.0.0.1:${port}`, received, close: () => app.close() }
  }
  const listener =
    framework === 'koa'
      ? koaApp(w, onReport, started)
      : framework === 'http'
        ? httpApp(w, onReport, started)
        : express5App(w, onReport, started, framework === 'express4' ? (express4 as unknown as typeof express) : express)
  const server = http.createServer(listener)
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
