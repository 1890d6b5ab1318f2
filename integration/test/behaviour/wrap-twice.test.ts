import { measureCost } from '@querycost/core'
import { expect, it } from 'vitest'
import { overDrivers } from './subjects.js'

// Behaviour: instrumenting twice gives the same object back and never counts twice.

overDrivers('twice', (subject) => {
  it('returns the same object and counts each operation once', async () => {
    const s = subject()
    expect(s.instrument(s.instrument(s.client))).toBe(s.client)
    const { report } = await measureCost(async () => {
      await s.read(2)
      await s.readCallback(3)
    })
    expect(report.total).toMatchObject({ count: 2, rows: 5, errors: 0 })
  })
})
