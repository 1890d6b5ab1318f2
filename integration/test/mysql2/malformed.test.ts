import { measureCost } from '@querycost/core'
import { instrument } from '@querycost/mysql2'
import mysql from 'mysql2'
import { afterAll, afterEach, beforeAll, describe, expect, inject, it, vi } from 'vitest'

const url = inject('mysqlUrl')

/** A query argument that throws on any property read: the caller's mistake. */
const hostile = new Proxy(
  {},
  {
    get() {
      throw new Error('hostile getter')
    },
    has() {
      throw new Error('hostile has')
    },
  },
)

// Issue 29: a malformed argument passes through to mysql2 without a querycost error line;
// the caller's outcome is mysql2's own. (Before, this printed "querycost internal error".)
describe.skipIf(url === undefined)('@querycost/mysql2: a malformed argument is mysql2’s to reject', () => {
  let raw: mysql.Connection
  let wrapped: mysql.Connection
  beforeAll(async () => {
    raw = mysql.createConnection({ uri: url })
    wrapped = instrument(mysql.createConnection({ uri: url }))
    await Promise.all([raw.promise().ping(), wrapped.promise().ping()]) // connected: closing mid-handshake throws in mysql2
  })
  afterAll(async () => {
    await Promise.all([raw?.promise().end(), wrapped?.promise().end()])
  })
  afterEach(() => vi.restoreAllMocks())

  const outcome = (connection: mysql.Connection): string => {
    try {
      connection.query(hostile as never, () => {})
      return 'returned'
    } catch (error) {
      return `${(error as Error).constructor.name}: ${(error as Error).message}`
    }
  }

  it('gives the caller what raw mysql2 gives, and prints no querycost line', async () => {
    const write = vi.spyOn(process.stderr, 'write')
    const expected = outcome(raw)
    const { result } = await measureCost(() => outcome(wrapped))
    expect(result).toBe(expected)
    expect(write.mock.calls.map((c) => String(c[0])).filter((line) => line.includes('querycost'))).toEqual([])
  })
})
