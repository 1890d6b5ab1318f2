import { RECENT_ORDERS } from './pg-routes.js'

/**
 * The fixed traffic the demo sends: the same requests, in the same order, every run.
 * `route` is the pattern each request should be reported under; `reads` go out
 * concurrently (they do not change the data), `writes` after them, one at a time.
 */
export function pgTraffic() {
  const reads = []
  for (let id = 1; id <= 40; id++) reads.push({ method: 'GET', path: `/api/users/${id}`, route: 'GET /api/users/:id' })
  for (let i = 0; i < 10; i++) reads.push({ method: 'GET', path: '/api/orders/recent', route: 'GET /api/orders/recent' })
  for (let i = 0; i < 10; i++) reads.push({ method: 'GET', path: '/api/orders/count', route: 'GET /api/orders/count' })
  for (let i = 0; i < 5; i++) reads.push({ method: 'GET', path: '/api/dashboard', route: 'GET /api/dashboard' })
  const writes = []
  for (let i = 1; i <= 5; i++) {
    const body = { userId: i, productId: i, quantity: 2 }
    writes.push({ method: 'POST', path: '/api/orders', route: 'POST /api/orders', body })
  }
  return { reads, writes, recentOrders: RECENT_ORDERS }
}

/** Items in a JSON response: an array's length; an object is one item, or the items of the lists it holds. */
export function itemsIn(body) {
  if (Array.isArray(body)) return body.length
  let items = 0
  if (body !== null && typeof body === 'object') for (const value of Object.values(body)) if (Array.isArray(value)) items += value.length
  return Math.max(items, 1)
}

async function send(baseUrl, request) {
  const response = await fetch(baseUrl + request.path, {
    method: request.method,
    headers: request.body ? { 'content-type': 'application/json' } : undefined,
    body: request.body ? JSON.stringify(request.body) : undefined,
  })
  const body = await response.json()
  if (!response.ok) throw new Error(`${request.method} ${request.path} answered ${response.status}: ${JSON.stringify(body)}`)
  return { route: request.route, status: response.status, items: itemsIn(body) }
}

/**
 * Sends `requests` with at most `concurrency` in flight; resolves with one
 * `{ route, status, items }` per request, in request order.
 */
export async function sendAll(baseUrl, requests, concurrency = 1) {
  const results = new Array(requests.length)
  let next = 0
  const worker = async () => {
    while (next < requests.length) {
      const index = next++
      results[index] = await send(baseUrl, requests[index])
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  return results
}
