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

const ROUTE = Symbol.for('querycost.express.route')
const MATCHED = Symbol.for('querycost.express.matched')
const WATCHED = Symbol.for('querycost.express.watched')

type Watched = ExpressLikeRequest & { [ROUTE]?: ExpressLikeRequest['route']; [MATCHED]?: string }

/**
 * Express sets `req.route` when a route matches, while `req.baseUrl` still holds the
 * router's mount path; once an error leaves the router, Express puts `baseUrl` back to
 * the parent's. So the name is taken at the match, by an accessor for `route` on the
 * app's own request prototype (`app.request`, made once per app, never Node's or
 * Express's shared one). An accessor on each request would cost about 5 µs: defining
 * one turns the request object into a slow dictionary. A request that a sub-app routed
 * (its prototype is the sub-app's) is named from `req.route` at the end, as before.
 */
function watchRoutes(req: ExpressLikeRequest): void {
  const proto = Object.getPrototypeOf(req) as Record<PropertyKey, unknown> | null
  // Only an app's own request prototype: Express gives it an own `app`.
  if (proto === null || proto[WATCHED] !== undefined || !Object.hasOwn(proto, 'app')) return
  Object.defineProperty(proto, WATCHED, { value: true })
  if (Object.getOwnPropertyDescriptor(proto, 'route') !== undefined) return
  Object.defineProperty(proto, 'route', {
    configurable: true,
    get(this: Watched) {
      return this[ROUTE]
    },
    set(this: Watched, value: ExpressLikeRequest['route']) {
      this[ROUTE] = value
      this[MATCHED] = expressRouteName(this)
    },
  })
}

function nameOf(req: Watched): string {
  return req[MATCHED] ?? expressRouteName(req)
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
    watchRoutes(req)
    const nameAtEnd = name === undefined ? () => nameOf(req) : () => userName(name, req, nameOf(req))
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
