import { measureCost } from '@querycost/core'
import { expect, it } from 'vitest'
import { exactFigures } from '../../src/expect-report.js'
import { overDrivers } from './subjects.js'

// Behaviour: an error the server answers reaches the caller unchanged (the same class,
// code and message as without querycost) and counts once, on the operation's table.

const shape = (error: unknown) => {
  const e = error as { code?: unknown; message?: unknown }
  return { class: (error as object)?.constructor?.name, code: e.code, message: e.message }
}

overDrivers('err', (subject) => {
  it('hands the driver’s error back unchanged and counts it once', async () => {
    const s = subject()
    const raw = await s.fail(true)
    const { result, report } = await measureCost(() => s.fail())
    expect(result).toBeInstanceOf(Error)
    expect(shape(result)).toEqual(shape(raw))
    expect(exactFigures(report)).toEqual({
      count: 1,
      rows: 0,
      affected: 0,
      errors: 1,
      tables: { [s.failTable]: { count: 1, rows: 0, affected: 0, errors: 1 } },
    })
  })
})
