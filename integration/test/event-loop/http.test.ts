import { once } from 'node:events'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { type CostReport, configure, eventLoopEnabled, resetConfig, unattributedSync, type Violation, withCost } from '@querycost/core'
import { instrument } from '@querycost/pg'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

const url = inject('pgUrl')
const BLOCK_MS = 200
let inCallbackMs = 0
let heldMs = 0

function busyWait(ms: number): void {
  const end = performance.now() + ms
  while (performance.now() < end) {
    // a route that blocks the loop
  }
}

function routeOf(req: http.IncomingMessage): string {
  return `${req.method} ${(req.url ?? '/').replace(/\/\d+$/, '/:id')}`
}

describe('event-loop attribution over real HTTP (pg behind it)', () => {
  const reports: CostReport[] = []
  const violations: { violation: Violation; name: string }[] = []
  let pool: pg.Pool
  let server: http.Server
  let base: string

  beforeAll(async () => {
    pool = instrument(new pg.Pool({ connectionString: url, max: 8 }))
    configure({
      eventLoop: { longSyncMs: 50 },
      routeLimits: { 'GET /block': { maxBlockMs: 100, maxSyncMs: 150 } },
      onViolation: (violation, report) => violations.push({ violation, name: report.name }),
    })
    server = http.createServer(
      withCost(
        async (req, res) => {
          if (req.url === '/callback') {
            // The callback API: the driver's callback runs through querycost's own
            // AsyncResource, whose context Node 24 restores only after async_hooks' `before`.
            await new Promise<void>((resolve, reject) =>
              pool.query('SELECT 1', (error: Error | undefined) => {
                const t0 = performance.now()
                busyWait(BLOCK_MS / 4)
                inCallbackMs = performance.now() - t0
                error ? reject(error) : resolve()
              }),
            )
          } else if (req.url === '/block') {
            await pool.query('SELECT 1')
            const t0 = performance.now()
            busyWait(BLOCK_MS)
            res.end('ok')
            // What the route held the loop for, as it saw it: on a loaded machine a
            // descheduled process makes a 200 ms busy-wait's stretch longer.
            heldMs = performance.now() - t0
            return
          } else {
            // In flight while /block runs: a query that waits on the server, not on the loop.
            await pool.query(req.url?.startsWith('/warm') ? 'SELECT 1' : 'SELECT pg_sleep(0.4)')
          }
          res.end('ok')
        },
        { name: routeOf, onReport: (report) => reports.push(report) },
      ),
    )
    server.listen(0, '127.0.0.1')
    await once(server, 'listening')
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    // Warm: connections open, fetch's client and both routes compiled, so no start-up
    // stretch of the test's own (unattributed) code lands inside the measured window.
    await Promise.all([1, 2, 3, 4].map(() => fetch(`${base}/warm/0`).then((r) => r.text())))
    await fetch(`${base}/block`).then((r) => r.text())
    await new Promise((resolve) => setTimeout(resolve, 20))
    reports.length = 0
    violations.length = 0
  })

  afterAll(async () => {
    resetConfig()
    await new Promise((resolve) => server.close(resolve))
    await pool.end()
  })

  it('charges the block to the route that ran it, and the wait to the others', async () => {
    expect(eventLoopEnabled()).toBe(true)
    const unattributedBefore = unattributedSync()?.syncMs ?? 0
    const others = [1, 2, 3, 4].map((id) => fetch(`${base}/sleep/${id}`).then((r) => r.text()))
    await new Promise((resolve) => setTimeout(resolve, 100)) // the others are in pg_sleep
    await Promise.all([fetch(`${base}/block`).then((r) => r.text()), ...others])
    await new Promise((resolve) => setTimeout(resolve, 20))

    // The test's own client code runs in this process with no context: a long stretch of
    // it (a GC, a compile) also delays the others, and is allowed for.
    const unattributed = (unattributedSync()?.syncMs ?? 0) - unattributedBefore
    const block = reports.filter((r) => r.name === 'GET /block')
    const sleepers = reports.filter((r) => r.name === 'GET /sleep/:id')
    expect(block).toHaveLength(1)
    expect(sleepers).toHaveLength(4)
    const [report] = block as [CostReport]
    expect(report.longestSyncMs).toBeGreaterThanOrEqual(BLOCK_MS * 0.9)
    expect(report.longestSyncMs).toBeGreaterThanOrEqual(heldMs)
    expect((report.longestSyncMs as number) - heldMs).toBeLessThanOrEqual(BLOCK_MS * 0.1) // 200 ms on a quiet machine
    expect(report.longSyncCount).toBeGreaterThanOrEqual(1)
    expect(report.syncMs).toBeGreaterThanOrEqual(report.longestSyncMs as number)
    // Bounds of half the block, not tighter: on a loaded machine any stretch can run long.
    expect(report.loopDelayMs).toBeLessThan(BLOCK_MS / 2)
    expect(report.total.count).toBe(1)
    expect(violations.map(({ violation, name }) => [name, violation.limit])).toEqual([
      ['GET /block', 'maxSyncMs'],
      ['GET /block', 'maxBlockMs'],
    ])
    for (const other of sleepers) {
      expect(other.total.count).toBe(1)
      expect(other.loopDelayMs).toBeGreaterThanOrEqual(BLOCK_MS * 0.9)
      expect(other.loopDelayMs).toBeLessThanOrEqual(heldMs + BLOCK_MS * 0.1 + unattributed)
      expect(other.syncMs).toBeLessThan(BLOCK_MS / 2)
      expect(other.longestSyncMs).toBeLessThan(BLOCK_MS / 2)
    }
  })

  it("charges a driver callback's synchronous time to the request that made the call", async () => {
    reports.length = 0
    await fetch(`${base}/callback`).then((r) => r.text())
    await new Promise((resolve) => setTimeout(resolve, 20))
    const [report] = reports as [CostReport]
    expect(report.name).toBe('GET /callback')
    expect(report.total.count).toBe(1)
    // Without querycost's tag on its AsyncResource, Node 24 charges this to whoever opened the socket.
    expect(report.longestSyncMs).toBeGreaterThanOrEqual(inCallbackMs)
    expect(report.longestSyncMs).toBeLessThanOrEqual(report.wallMs)
  })
})
