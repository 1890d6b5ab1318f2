import { AsyncLocalStorage } from 'node:async_hooks'
import { afterEach, describe, expect, it } from 'vitest'
import { state } from '../src/context/store.js'
import { bindCallback } from '../src/driver.js'
import { configure, eventLoopEnabled, measureCost, resetConfig, runWithCost, unattributedSync } from '../src/index.js'

afterEach(() => resetConfig())

function busyWait(ms: number): void {
  const end = performance.now() + ms
  while (performance.now() < end) {
    // blocks the loop
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

describe('event-loop attribution', () => {
  it('is off by default: no hook, Node’s own als.run, no fields in the report', async () => {
    expect(eventLoopEnabled()).toBe(false)
    expect(Object.hasOwn(state.als, 'run')).toBe(false)
    expect(state.als.run).toBe(AsyncLocalStorage.prototype.run)
    const { report } = await measureCost(() => busyWait(5))
    expect('syncMs' in report).toBe(false)
    expect(unattributedSync()).toBeUndefined()
  })

  it('turns on and off with configure, one hook only', () => {
    configure({ eventLoop: true })
    const hook = state.loopHook
    configure({ eventLoop: true, repeatThreshold: 3 })
    expect(state.loopHook).toBe(hook)
    expect(Object.hasOwn(state.als, 'run')).toBe(true)
    configure({ eventLoop: false })
    expect(eventLoopEnabled()).toBe(false)
    expect(Object.hasOwn(state.als, 'run')).toBe(false)
    expect(() => configure({ eventLoop: { longSyncMs: -1 } })).toThrow(/longSyncMs/)
  })

  it('charges a synchronous stretch to the context that ran it', () => {
    configure({ eventLoop: { longSyncMs: 20 } })
    let report: unknown
    const t0 = performance.now()
    runWithCost(() => busyWait(30), { onReport: (r) => (report = r) })
    const wall = performance.now() - t0 // the upper bound: on a loaded machine a stretch runs long
    expect(report).toMatchObject({ longSyncCount: 1, loopDelayMs: 0 })
    const { syncMs, longestSyncMs } = report as { syncMs: number; longestSyncMs: number }
    expect(longestSyncMs).toBeGreaterThanOrEqual(30)
    expect(longestSyncMs).toBeLessThanOrEqual(wall)
    expect(syncMs).toBe(longestSyncMs)
  })

  it('charges a driver callback run from a foreign socket to the caller, not the socket', async () => {
    configure({ eventLoop: { longSyncMs: 20 } })
    // A "socket": a timer made outside any context, which runs the bound callback.
    const queue: (() => void)[] = []
    const socket = setInterval(() => queue.shift()?.(), 1)
    try {
      let inCallback = 0
      const { report } = await measureCost(
        () =>
          new Promise<void>((resolve) =>
            queue.push(
              bindCallback(() => {
                const t0 = performance.now()
                busyWait(25)
                inCallback = performance.now() - t0
                resolve()
              }),
            ),
          ),
        { name: 'job:callback' },
      )
      expect(report.longestSyncMs).toBeGreaterThanOrEqual(25)
      expect(report.longestSyncMs).toBeLessThanOrEqual(report.wallMs)
      expect(report.longestSyncMs).toBeGreaterThanOrEqual(inCallback)
    } finally {
      clearInterval(socket)
    }
  })

  it('counts stretches with no context apart, and as delay for the open contexts', async () => {
    configure({ eventLoop: { longSyncMs: 15 } })
    expect(unattributedSync()?.syncMs).toBe(0)
    const waiting = measureCost(() => sleep(60), { name: 'job:waits' })
    setTimeout(() => busyWait(30), 5) // no context: start-up code, a timer of no request
    const { report } = await waiting
    const unattributed = unattributedSync()
    expect(unattributed?.longSyncCount).toBeGreaterThanOrEqual(1)
    expect(unattributed?.longestSyncMs).toBeGreaterThanOrEqual(30)
    expect(report.loopDelayMs).toBeGreaterThanOrEqual(30)
    // Its delay is what others ran (here: only code of no context) while it was open.
    expect(report.loopDelayMs).toBeLessThanOrEqual(unattributed?.syncMs as number)
    expect(report.syncMs).toBeLessThan(report.loopDelayMs as number)
  })

  it('names the route in maxSyncMs and maxBlockMs violations', () => {
    const seen: string[] = []
    configure({
      eventLoop: true,
      routeLimits: { 'job:slow': { maxSyncMs: 10, maxBlockMs: 5 } },
      onViolation: (violation, report) => seen.push(`${report.name} ${violation.limit}`),
    })
    runWithCost(() => busyWait(12), { name: 'job:slow' })
    expect(seen).toEqual(['job:slow maxSyncMs', 'job:slow maxBlockMs'])
  })
})
