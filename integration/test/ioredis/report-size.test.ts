import { measureCost } from '@querycost/core'
import { instrument } from '@querycost/ioredis'
import { Redis } from 'ioredis'
import { afterAll, describe, expect, inject, it } from 'vitest'

const url = inject('redisUrl')
const redis = instrument(new Redis(url as string))

afterAll(async () => {
  await redis.quit()
})

// A key with no `:` is a table only up to 32 characters: 100 GETs on distinct 100 KB
// keys used to make 100 tables named by the whole key (a 20,019,283-byte report).
describe('a report on long keys with no delimiter', () => {
  it('puts them in one (no prefix) table and stays small', async () => {
    const keys = Array.from({ length: 100 }, (_, i) => `qcsize-${i}-${'k'.repeat(100_000)}`)
    const { report } = await measureCost(async () => {
      for (const key of keys) await redis.get(key)
    })
    expect(Object.keys(report.tables)).toEqual(['redis:(no prefix)'])
    expect(report.tables['redis:(no prefix)']).toMatchObject({ count: 100, rows: 0, operations: { GET: { count: 100 } } })
    const bytes = Buffer.byteLength(JSON.stringify(report))
    console.log(`report of 100 GETs on 100 KB keys: ${bytes} bytes`)
    expect(bytes).toBeLessThan(2048)
  })
})
