import { measureCost } from '@querycost/core'
import { expect, it } from 'vitest'
import { exactFigures } from '../../src/expect-report.js'
import { overDrivers, POOLED } from './subjects.js'

// Behaviour: a pool shortcut (`pool.query`, and `pool.execute` where there is one)
// checks a connection out and sends its statement there: it counts once, not again on
// the connection it used, in the promise and the callback form.

overDrivers(
  'short',
  (subject) => {
    it('counts a shortcut and the statement it sends on its connection once', async () => {
      const s = subject()
      const { report } = await measureCost(async () => {
        await s.read(4)
        await s.readCallback(6)
      })
      expect(exactFigures(report)).toEqual({
        count: 2,
        rows: 10,
        affected: 0,
        errors: 0,
        tables: { [s.table]: { count: 2, rows: 10, affected: 0, errors: 0 } },
      })
    })
  },
  POOLED,
)
