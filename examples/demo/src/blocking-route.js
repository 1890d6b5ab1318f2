import express from 'express'

/** Elements the blocking route walks, synchronously, on every request. */
export const BLOCKING_ITEMS = 3_000_000

/**
 * A route that blocks the event loop: it totals a large in-memory array in a plain
 * synchronous loop, no query at all, so nothing but `configure({ eventLoop: true })`'s
 * figures (`longestSyncMs`, and the other requests' `loopDelayMs`) points at it.
 */
export function blockingRoutes() {
  const router = express.Router()
  const prices = Array.from({ length: BLOCKING_ITEMS }, (_, i) => (i * 7919) % 1000)
  router.get('/reports/price-histogram', (_req, res) => {
    const histogram = new Array(10).fill(0)
    for (let pass = 0; pass < 5; pass++) {
      for (let i = 0; i < prices.length; i++) histogram[Math.floor(prices[i] / 100)] += 1
    }
    res.json({ histogram })
  })
  return router
}

/** The one request the demo sends to it, alongside the other reads. */
export const blockingTraffic = [{ method: 'GET', path: '/api/reports/price-histogram', route: 'GET /api/reports/price-histogram' }]

/** The request that held the loop longest in one stretch, and what the others waited on stalls. */
export function worstBlocking(reports) {
  let worst
  for (const report of reports) {
    if (report.longestSyncMs !== undefined && (worst === undefined || report.longestSyncMs > worst.longestSyncMs)) worst = report
  }
  if (worst === undefined) return undefined
  const others = reports.filter((report) => report !== worst && report.loopDelayMs > 0)
  return {
    route: worst.name,
    longestSyncMs: worst.longestSyncMs,
    delayed: others.length,
    loopDelayMs: others.reduce((sum, report) => sum + report.loopDelayMs, 0),
  }
}
