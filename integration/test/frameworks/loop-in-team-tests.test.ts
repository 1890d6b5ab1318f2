import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { runVitest } from '../../src/run-vitest.js'
import { seed } from './db.js'

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures')
const env = { QUERYCOST_PG_URL: inject('pgUrl'), QUERYCOST_MYSQL_URL: inject('mysqlUrl'), QUERYCOST_REDIS_URL: inject('redisUrl') }
const ready = Object.values(env).every((url) => url !== undefined)
const LOOP = 'select name from qc_fw_users where id = ?'

// The route with 30 queries in a loop, served by Express, checked in a team's own vitest run
// (a child process): through @querycost/vitest's matcher and through strict mode.
describe.skipIf(!ready)('the 30-query loop in a team test run (child vitest, Express 5, real PostgreSQL)', () => {
  // The loop reads qc_fw_users: seeded here too, so this file passes alone on a fresh database.
  beforeAll(() =>
    seed({ pg: env.QUERYCOST_PG_URL as string, mysql: env.QUERYCOST_MYSQL_URL as string, redis: env.QUERYCOST_REDIS_URL as string }),
  )

  it('fails the matcher and strict mode with readable messages', async () => {
    const { code, output } = await runVitest(fixtures, [], { ...env, FIXTURE_ROUTE: '/loop' })
    expect(code, output).toBe(1)
    expect(output).toContain('FAIL  matcher.fixture.ts > /loop makes no repeated statements\nError: expected no repeated')
    expect(output).toContain(
      `expected no repeated statements (N+1), found 1:\n    30× pg: ${LOOP}\n  Batch the loop into one statement, or mark a known loop with allowRepeats().`,
    )
    // Strict mode throws when the request's context ends, after the response: the run
    // fails on an uncaught error that vitest traces to the test file that made the request.
    expect(output).toContain(
      `Uncaught Exception ⎯⎯⎯⎯⎯\nLimitError: querycost: "GET /loop" broke a limit\n  - maxRepeated: 30 > 10: ${LOOP}\n`,
    )
    expect(output).toContain('This error originated in "strict.fixture.ts" test file')
  }, 120_000)

  it('passes both once the loop is allowed', async () => {
    const { code, output } = await runVitest(fixtures, [], { ...env, FIXTURE_ROUTE: '/loop/allowed' })
    expect(code, output).toBe(0)
    expect(output).toContain('2 passed')
  }, 120_000)
})
