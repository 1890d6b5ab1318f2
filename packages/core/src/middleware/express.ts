import type { IncomingMessage, ServerResponse } from 'node:http'
import { type MiddlewareOptions, runRequest } from './http.js'

/** The part of an Express request the middleware reads. */
export interface ExpressLikeRequest extends IncomingMessage {
  baseUrl?: string
  route?: { path?: unknown }
}

/** `GET /users/:id`: the matched route pattern, or `GET (unmatched)` for a 404. */
export function expressRouteName(req: ExpressLikeRequest): string {
  const path = req.route?.path
  if (typeof path !== 'string') return `${req.method ?? 'GET'} (unmatched)`
  return `${req.method ?? 'GET'} ${req.baseUrl ?? ''}${path}`
}

/**
 * Express (4 and 5) middleware: one cost context per request, named by its route
 * pattern when the response ends. Mount it before the routes.
 *
 * @example
 * app.use(expressCost({ onReport: (report) => logger.info(report) }))
 */
export function expressCost<Req extends ExpressLikeRequest = ExpressLikeRequest>(
  options: MiddlewareOptions<Req> = {},
): (req: Req, res: ServerResponse, next: (error?: unknown) => void) => void {
  return function querycost(req, res, next) {
    runRequest(req, res, expressRouteName, options, () => next())
  }
}
