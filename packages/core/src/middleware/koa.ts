import type { IncomingMessage, ServerResponse } from 'node:http'
import { type MiddlewareOptions, runRequest } from './http.js'
import { reportWrongFramework } from './misuse.js'
import { routeName, userName } from './route-name.js'

/** The part of a Koa context the middleware reads. */
export interface KoaLikeContext {
  req: IncomingMessage
  res: ServerResponse
  method: string
  /** Set by `@koa/router` to the matched route's pattern, prefixes included. */
  _matchedRoute?: unknown
}

/** `GET /users/:id` from `@koa/router`'s matched route, or `GET (unmatched)`. */
export function koaRouteName(ctx: KoaLikeContext): string {
  return routeName(ctx.method, ctx._matchedRoute)
}

/**
 * Koa middleware: one cost context per request, named by `@koa/router`'s matched
 * route pattern (nested router prefixes included; `GET (unmatched)` when no route
 * matched). The report is handed over once the response is sent. Use it first.
 *
 * @example
 * app.use(koaCost({ onReport: (report) => logger.info(report) }))
 * app.use(router.routes())
 */
export function koaCost<Ctx extends KoaLikeContext = KoaLikeContext>(
  options: MiddlewareOptions<Ctx> = {},
): (ctx: Ctx, next: () => Promise<unknown>, express?: unknown) => unknown {
  const name = options.name
  return function querycost(ctx, next, express) {
    if (typeof next !== 'function' || ctx?.req === undefined || typeof ctx.res?.on !== 'function') {
      reportWrongFramework(
        'koaCost',
        'koaCost() is Koa middleware: with Express use app.use(expressCost()), with Fastify register fastifyCost().',
      )
      // In Express the third argument is `next`: the request goes on, uncounted.
      return typeof express === 'function' ? express() : undefined
    }
    const nameAtEnd = name === undefined ? () => koaRouteName(ctx) : () => userName(name, ctx, koaRouteName(ctx))
    return runRequest(ctx.req, ctx.res, options, nameAtEnd, next)
  }
}
