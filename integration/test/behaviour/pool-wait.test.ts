import { measureCost } from '@querycost/core'
import { expect, it } from 'vitest'
import { sleep } from '../../src/expect-report.js'
import { overDrivers, POOLED } from './subjects.js'

// Behaviour: the wait for a pooled connection is `poolWaitMs` of the request that
// waited, never of the one that held or released the connection, and never in
// `count`.

overDrivers(
  'wait',
  (subject) => {
    it('charges the wait to the request that waited, not the one that released', async () => {
      const s = subject()
      const hold = s.hold as () => Promise<() => void>
      let release: () => void = () => {}
      // The pool's one connection made first, outside any request: the holder's checkout
      // is then a pick from the idle list, not a connect (which a loaded machine can
      // stretch past the 50 ms the holder is allowed).
      await s.read(1)
      const holder = measureCost(async () => {
        release = await hold()
      })
      const { report: holding } = await holder
      const waiter = measureCost(() => s.read(3))
      await sleep(60)
      const releaser = measureCost(async () => release())
      const [{ report: waited }, { report: released }] = await Promise.all([waiter, releaser])
      expect(waited.total).toMatchObject({ count: 1, rows: 3, errors: 0 })
      expect(waited.poolWaitMs).toBeGreaterThanOrEqual(50)
      expect([holding.poolWaitMs < 50, released.poolWaitMs]).toEqual([true, 0])
    })
  },
  POOLED,
  1,
)
