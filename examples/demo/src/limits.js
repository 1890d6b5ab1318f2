/**
 * The demo's route limits, for `configure({ routeLimits })`. Only counts and rows:
 * durations vary from machine to machine, and the demo's numbers must not.
 * `GET /api/dashboard` breaks all three on every request.
 */
export const ROUTE_LIMITS = Object.freeze({
  'GET /api/dashboard': { maxCount: 5, maxRows: 100, tables: { 'pg:orders': { maxRows: 50 } } },
  'GET /api/users/:id': { maxCount: 3, maxRows: 10 },
})

/** A fingerprint seen this often in one request is listed in `repeated` (the default). */
export const REPEAT_THRESHOLD = 10
