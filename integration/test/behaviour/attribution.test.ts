import { lostContextStats, measureCost, resetLostContext } from '@querycost/core'
import { setCallbackBinding } from '@querycost/core/driver'
import { afterEach, expect, it } from 'vitest'
import { overDrivers, type Subject } from './subjects.js'

// Behaviour: attribution under concurrency. Many contexts at once, each doing a known,
// different amount of work through the promise and the callback form over a pool of 2
// (a busy pool runs callbacks after another request released a connection): each report
// exact, nothing lost. And the same run goes wrong with callback rebinding switched off,
// which is how this test is known to catch lost context.

afterEach(() => setCallbackBinding(true))

async function work(s: Subject, i: number): Promise<void> {
  for (let k = 0; k <= i % 3; k++) {
    if ((i + k) % 2 === 0) await s.read((i % 7) + 1)
    else await s.readCallback((i % 7) + 1)
  }
}

const expected = (i: number) => ({ count: (i % 3) + 1, rows: ((i % 3) + 1) * ((i % 7) + 1) })

overDrivers('attr', (subject) => {
  it('gives 60 concurrent contexts each its own exact report, nothing lost', async () => {
    resetLostContext()
    const s = subject()
    const reports = await Promise.all(Array.from({ length: 60 }, (_, i) => measureCost(() => work(s, i), { name: `c${i}` })))
    reports.forEach(({ report }, i) => {
      const { count, rows } = expected(i)
      expect({ count: report.total.count, rows: report.total.rows, errors: report.total.errors }).toEqual({ count, rows, errors: 0 })
      expect(report.tables[s.table]).toMatchObject({ count, rows })
    })
    expect(lostContextStats().total.count).toBe(0)
  })

  it('goes wrong with callback rebinding switched off (where the driver needs it)', async () => {
    resetLostContext()
    const s = subject()
    setCallbackBinding(false)
    const reports = await Promise.all(Array.from({ length: 60 }, (_, i) => measureCost(() => work(s, i))))
    const wrong = reports.filter(({ report }, i) => report.total.count !== expected(i).count).length
    // ioredis keeps context through its promises and its callback-form commands by
    // itself, and mongodb awaits its way from the caller down to the socket, its pool's
    // wait queue included; the pools of pg and mysql2 do not.
    if (s.driver === 'ioredis' || s.driver === 'mongodb') expect(wrong).toBe(0)
    else expect(wrong + lostContextStats().total.count).toBeGreaterThan(0)
  })
})
