import { measureCost } from '@querycost/core'
import { instrument } from '@querycost/ioredis'
import { afterAll, afterEach, beforeAll, describe, expect, inject, it, vi } from 'vitest'
import { rawClient } from './fixtures.js'

const url = inject('redisUrl')

// Issue 29: `sendCommand` given an object with no `name` is the caller's mistake: it
// passes to ioredis untouched, without a querycost error line. (Before, this printed
// "querycost internal error".)
describe.skipIf(url === undefined)('@querycost/ioredis: a malformed command is ioredis’s to reject', () => {
  let raw: ReturnType<typeof rawClient>
  let wrapped: ReturnType<typeof rawClient>
  beforeAll(async () => {
    raw = rawClient(url as string)
    wrapped = instrument(rawClient(url as string))
    await Promise.all([raw.ping(), wrapped.ping()])
  })
  afterAll(() => {
    raw?.disconnect()
    wrapped?.disconnect()
  })
  afterEach(() => vi.restoreAllMocks())

  const outcome = (client: ReturnType<typeof rawClient>): string => {
    try {
      client.sendCommand({ args: [] } as never)
      return 'returned'
    } catch (error) {
      return `${(error as Error).constructor.name}: ${(error as Error).message}`
    }
  }

  it('gives the caller what raw ioredis gives, counts nothing and prints no querycost line', async () => {
    const write = vi.spyOn(process.stderr, 'write')
    const expected = outcome(raw)
    const { result, report } = await measureCost(() => outcome(wrapped))
    expect(result).toBe(expected)
    expect(report.total.count).toBe(0)
    expect(write.mock.calls.map((c) => String(c[0])).filter((line) => line.includes('querycost'))).toEqual([])
  })
})
