import { execFile } from 'node:child_process'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, inject, it } from 'vitest'

const run = promisify(execFile)
const CHILD = new URL('./heap-secrets-child.mjs', import.meta.url).pathname

/** Runs the child in one mode and returns what it printed: secrets sent, heap strings still holding one. */
async function secretsLeft(mode: 'raw' | 'querycost'): Promise<{ sent: number; retained: number; examples: string[] }> {
  const env = {
    ...process.env,
    QUERYCOST_PG_URL: inject('pgUrl'),
    QUERYCOST_MYSQL_URL: inject('mysqlUrl'),
    QUERYCOST_REDIS_URL: inject('redisUrl'),
  }
  const snapshot = join(tmpdir(), `querycost-heap-${process.pid}-${mode}.heapsnapshot`)
  const { stdout } = await run(process.execPath, ['--expose-gc', CHILD, mode, snapshot], { env, maxBuffer: 1 << 20 })
  return JSON.parse(stdout.trim().split('\n').pop() as string)
}

// Statement values (inline literals, bound values, mysql2 `??` formatting, a text past
// 16 KiB, failing statements, a Redis key and value) must not outlive their operation:
// after every client is closed and the heap collected, no string holds one, with
// querycost as with the raw drivers.
describe('secrets in the heap after collection', () => {
  it('leaves none, raw or through querycost (pg, mysql2, ioredis)', { timeout: 120_000 }, async () => {
    const raw = await secretsLeft('raw')
    const querycost = await secretsLeft('querycost')
    expect({ raw: raw.retained, querycost: querycost.retained, examples: querycost.examples }).toEqual({
      raw: 0,
      querycost: 0,
      examples: [],
    })
    expect(querycost.sent).toBe(18)
    expect(raw.sent).toBe(18)
  })
})
