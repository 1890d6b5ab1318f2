import { AsyncResource } from 'node:async_hooks'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { CostContext } from '../context/cost-context.js'
import { finishContext, openContext } from '../context/lifecycle.js'
import { state } from '../context/store.js'
import { followInContext, isThenable } from '../context/thenable.js'
import type { CostOptions } from '../context/types.js'
import { routeName, UNMATCHED, userName } from './route-name.js'

/** Options of the request middlewares. */
export interface MiddlewareOptions<Req = IncomingMessage> extends Omit<CostOptions, 'name'> {
  /**
   * Names the request when it ends; default: the framework's route pattern
   * (`GET /users/:id`), `METHOD (unmatched)` for a request no route matched. Return a
   * pattern, never the raw URL. What it throws is reported once; the default is used.
   */
  name?: (req: Req) => string | undefined
}

function endRequest(context: CostContext, nameAtEnd: (() => string) | undefined): void {
  if (nameAtEnd !== undefined) context.name = nameAtEnd()
  finishContext(context)
}

/**
 * Opens a cost context around `res`'s lifetime and calls `next` inside it; the
 * context ends when the response has been sent or the connection closed, and its
 * report is handed over then, never before the response.
 *
 * The end is the response's own `close` event: on the Node versions this package
 * supports (20 and later) it fires once in both cases, after `finish` or on an abort
 * (`finishContext` is idempotent all the same), so a plain listener does. `on-finished`,
 * which covers older Nodes, listens to four events on the response and its socket:
 * about 8 µs of CPU per request on Node 20 against 1 µs here. The listener runs in the
 * request's own async context (one AsyncResource per request, so the user's other
 * AsyncLocalStorage stores are there too) with this request's cost context current.
 *
 * `nameAtEnd` gives the name once routing is done; without it the context keeps the
 * name it has (a middleware may set `context.name` while the request runs).
 */
export function runRequest(
  req: IncomingMessage,
  res: ServerResponse,
  options: Omit<CostOptions, 'name'>,
  nameAtEnd: (() => string) | undefined,
  next: () => unknown,
): unknown {
  const context = openContext({ name: `${req.method ?? 'GET'} ${UNMATCHED}`, onReport: options.onReport, limits: options.limits })
  const scope = new AsyncResource('querycost.request')
  res.on('close', () => scope.runInAsyncScope(() => state.als.run(context, endRequest, context, nameAtEnd)))
  const result = state.als.run(context, next)
  // A handler that returns a lazy query builder sends its statement when awaited: inside the context.
  return isThenable(result) ? followInContext(context, result) : result
}

/**
 * Wraps a plain `node:http` handler so each request gets its own cost context.
 * Give `name`: a plain server has no route patterns, and raw URLs must not become
 * names; without it every request is `METHOD (unmatched)`, and so is one whose `name`
 * returns `undefined`.
 *
 * @example
 * const route = (req) => (req.url?.startsWith('/users/') ? 'GET /users/:id' : undefined)
 * http.createServer(withCost(handler, { name: route })).listen(3000)
 */
export function withCost<Req extends IncomingMessage, Res extends ServerResponse>(
  handler: (req: Req, res: Res) => unknown,
  options: MiddlewareOptions<Req> = {},
): (req: Req, res: Res) => unknown {
  const name = options.name
  return (req, res) => {
    const nameAtEnd = name === undefined ? undefined : () => userName(name, req, routeName(req.method, undefined))
    return runRequest(req, res, options, nameAtEnd, () => handler(req, res))
  }
}
