import { describe, expect, it } from 'vitest'
import { beginOperation, endStatements, failStatements, makeTarget } from '../src/driver.js'
import { measureCost } from '../src/index.js'

const reader = { rowsOf: (r: { rows: number }) => r.rows, affectedOf: (r: { rows: number; w?: number }) => r.w ?? 0 }
const targets = ['a', 'b', 'c'].map((t) => makeTarget('pg', 'SELECT', [t]))

describe('multi-statement settling', () => {
  it('gives each statement its own result and the last one any extra results', async () => {
    const { report } = await measureCost(() => {
      endStatements(
        targets.map((t) => beginOperation(t)),
        [{ rows: 1 }, { rows: 2, w: 5 }, { rows: 3 }, { rows: 4, w: 1 }],
        reader,
      )
    })
    expect(report.total).toMatchObject({ count: 3, rows: 10, affected: 6, errors: 0 })
    expect([report.tables['pg:a']?.rows, report.tables['pg:b']?.affected, report.tables['pg:c']?.rows]).toEqual([1, 5, 7])
  })

  it('counts a failed multi-statement call as one error, on the statement that failed', async () => {
    const { report } = await measureCost(() =>
      failStatements(
        targets.map((t) => beginOperation(t)),
        1,
      ),
    )
    expect(report.total).toMatchObject({ count: 3, errors: 1 })
    expect(report.tables['pg:b']?.errors).toBe(1)
  })
})
