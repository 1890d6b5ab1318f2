import type { IncomingMessage, ServerResponse } from 'node:http'
import { type MiddlewareOptions, runRequest } from './http.js'
import { reportWrongFramework } from './misuse.js'
import { routeName, userName } from './route-name.js'

/** The part of an Express request the middleware reads. */
export interface ExpressLikeRequest extends IncomingMessage {
  app?: unknown
  baseUrl?: string
  route?: { path?: unknown }
}

/**
 * `GET /users/:id`: the request's route pattern as Express sees it now (the mount
 * path, `req.baseUrl`, then the route's path), or `GET (unmatched)` with no route.
 */
export function expressRouteName(req: ExpressLikeRequest): string {
  const path = req.route?.path
  if (path === undefined) return routeName(req.method, undefined)
  return typeof path === 'string' ? routeName(req.method, `${req.baseUrl ?? ''}${path}`) : routeName(req.method, path)
}

/**
 * Express sets `req.route` when a route matches, while `req.baseUrl` still holds the
 * router's mount path; once an error leaves the router, Express puts `baseUrl` back to
 * the parent's. So the name is taken at the match (an accessor on this one request),
 * and an error handler's request keeps its mount prefix (`GET /users/:id/fail`).
 */
function captureRoute(req: ExpressLikeRequest): () => string {
  let route = req.route
  let name = expressRouteName(req)
  Object.defineProperty(req, 'route', {
    configurable: true,
    enumerable: true,
    get: () => route,
    set: (value: ExpressLikeRequest['route']) => {
      route = value
      name = expressRouteName(req)
    },
  })
  return () => name
}

/**
 * Express (4 and 5) middleware: one cost context per request, named by its route
 * pattern with every mount prefix (`GET /users/:id`; `GET (unmatched)` for a 404),
 * error handlers included. The report is handed over once the response is sent.
 * Mount it first, before the routers.
 *
 * @example
 * app.use(expressCost({ onReport: (report) => logger.info(report) }))
 */
export function expressCost<Req extends ExpressLikeRequest = ExpressLikeRequest>(
  options: MiddlewareOptions<Req> = {},
): (req: Req, res: ServerResponse, next: (error?: unknown) => void) => unknown {
  const name = options.name
  return function querycost(req, res, next) {
    if (typeof next !== 'function' || typeof res?.on !== 'function') return misused(req, res, next)
    if (req.app === undefined) {
      reportWrongFramework(
        'expressCost',
        'expressCost() got a request that Express did not route; with Fastify, register fastifyCost() instead.',
      )
    }
    const matched = captureRoute(req)
    const nameAtEnd = name === undefined ? matched : () => userName(name, req, matched())
    return runRequest(req, res, options, nameAtEnd, () => next())
  }
}

/** Koa calls `(ctx, next)`: say which middleware to use and let the request go on. */
function misused(ctx: unknown, next: unknown, third: unknown): unknown {
  const koa = typeof next === 'function' && typeof (ctx as { request?: unknown } | null)?.request === 'object'
  reportWrongFramework(
    'expressCost',
    koa
      ? 'expressCost() is Express middleware and was given to Koa: use app.use(koaCost()) instead.'
      : 'expressCost() must be mounted with app.use() in Express (4 or 5).',
  )
  if (typeof next === 'function') return next()
  if (typeof third === 'function') return third()
  return undefined
}
