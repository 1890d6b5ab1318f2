import { type LostOperation, lostContextStats, measureCost, onLostContext, resetLostContext } from '@querycost/core'
import { expect, it } from 'vitest'
import { exactFigures, sleep } from '../../src/expect-report.js'
import { overDrivers } from './subjects.js'

// Behaviour: an operation that starts outside any cost context is counted as lost (per
// system and table) and told to `onLostContext` listeners; never dropped, never counted
// in a request running at the same time.

overDrivers('lost', (subject) => {
  it('counts an operation outside any context as lost, never in a request', async () => {
    const s = subject()
    resetLostContext()
    const lost: LostOperation[] = []
    const off = onLostContext((op) => lost.push(op))
    try {
      const running = measureCost(async () => {
        await sleep(30)
        await s.read(1)
      })
      await s.read(2)
      const { report } = await running
      expect(report.total).toMatchObject({ count: 1, rows: 1 })
      const [system, table] = [s.system, s.table.slice(s.system.length + 1)]
      const operation = s.driver === 'ioredis' ? 'LRANGE' : s.driver === 'mongodb' ? 'find' : 'SELECT'
      expect(lost).toEqual([{ system, operation, tables: [table] }])
      expect(exactFigures(lostContextStats())).toEqual({
        count: 1,
        rows: 2,
        affected: 0,
        errors: 0,
        tables: { [s.table]: { count: 1, rows: 2, affected: 0, errors: 0 } },
      })
    } finally {
      off()
    }
  })
})
