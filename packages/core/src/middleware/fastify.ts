import type { IncomingMessage, ServerResponse } from 'node:http'
import { type MiddlewareOptions, runRequest } from './http.js'
import { reportWrongFramework } from './misuse.js'
import { routeName, userName } from './route-name.js'

/** The part of a Fastify request the plugin reads. */
export interface FastifyLikeRequest {
  raw: IncomingMessage
  method: string
  /** `url` is the matched route's pattern, prefixes included; unset for a 404. */
  routeOptions?: { url?: string }
}

/** The part of a Fastify instance the plugin uses. */
export interface FastifyLikeInstance {
  addHook(name: string, hook: (request: never, reply: never, done: (error?: Error) => void) => void): unknown
}

type Hook = (request: FastifyLikeRequest, reply: { raw: ServerResponse }, done: () => void) => void

/** `GET /users/:id` from `request.routeOptions.url`, or `GET (unmatched)` for a 404. */
export function fastifyRouteName(request: FastifyLikeRequest): string {
  return routeName(request.method, request.routeOptions?.url)
}

/**
 * A Fastify (4.10 and later, 5) plugin: one cost context per request, named by the
 * matched route's pattern (`request.routeOptions.url`, prefixes included; `GET
 * (unmatched)` for a 404), the report handed over once the response is sent. It
 * applies to the whole app, not only to the scope it is registered in (as with
 * `fastify-plugin`). Fastify runs its body parsers in the request's async context,
 * so the handler sees the cost context after a body is read.
 *
 * @example
 * await app.register(fastifyCost({ onReport: (report) => app.log.info(report) }))
 */
export function fastifyCost<Req extends FastifyLikeRequest = FastifyLikeRequest>(
  options: MiddlewareOptions<Req> = {},
): (instance: FastifyLikeInstance, opts: unknown, done: (error?: Error) => void) => unknown {
  const name = options.name
  const onRequest: Hook = (request, reply, done) => {
    const nameAtEnd =
      name === undefined ? () => fastifyRouteName(request) : () => userName(name, request as unknown as Req, fastifyRouteName(request))
    runRequest(request.raw, reply.raw, options, nameAtEnd, done)
  }
  const plugin = (instance: FastifyLikeInstance, opts: unknown, done: (error?: Error) => void): unknown => {
    if (typeof instance?.addHook !== 'function') {
      reportWrongFramework(
        'fastifyCost',
        'fastifyCost() is a Fastify plugin: app.register(fastifyCost()); with Express use expressCost(), with Koa koaCost().',
      )
      // Mounted as Express (req, res, next) or Koa (ctx, next) middleware: the request goes on.
      if (typeof done === 'function') return done()
      return typeof opts === 'function' ? opts() : undefined
    }
    instance.addHook('onRequest', onRequest as never)
    done()
  }
  // What fastify-plugin sets: the hooks reach every route, not only this plugin's scope.
  Object.assign(plugin, { [Symbol.for('skip-override')]: true, [Symbol.for('fastify.display-name')]: 'querycost' })
  return plugin
}
