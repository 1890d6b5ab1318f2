import { measureCost } from '@querycost/core'
import { expect, it } from 'vitest'
import { exactFigures } from '../../src/expect-report.js'
import { overDrivers } from './subjects.js'

// Behaviour: one call that carries several statements (a multi-statement SQL text) or
// commands (a Redis MULTI … EXEC) counts each of them, each with its own rows.

overDrivers('multi', (subject) => {
  it('counts each statement of one call, each with its own rows', async () => {
    const s = subject()
    const { report } = await measureCost(() => s.many())
    const { count, rows, tables } = s.manyFigures
    expect(exactFigures(report)).toEqual({ count, rows, affected: 0, errors: 0, tables })
  })
})
