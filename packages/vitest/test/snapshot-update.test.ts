import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { urls } from './databases.js'
import { fixtureCopy, runVitest } from './run-vitest.js'

describe('toMatchCostSnapshot in a team test run (a child vitest against PostgreSQL)', () => {
  const fixture = fixtureCopy('snapshot')
  const snapshotFile = path.join(fixture.dir, '__snapshots__', 'cost.fixture.ts.snap')
  const env = { QUERYCOST_PG_URL: urls().pg }
  afterAll(() => fixture.remove())

  it('writes the snapshot, fails with a readable diff when queries are added, and updates with -u', async () => {
    const first = await runVitest(fixture.dir, [], env)
    expect(first.code, first.output).toBe(0)
    expect(readFileSync(snapshotFile, 'utf8')).toContain(
      '"pg:qc_vt_fixture": {\n    "SELECT": {\n      "count": 1,\n      "rows": "1",\n    },\n  },',
    )

    const more = { ...env, FIXTURE_EXTRA_QUERIES: '2' }
    const failed = await runVitest(fixture.dir, [], more)
    expect(failed.code).toBe(1)
    expect(failed.output).toContain('Snapshot `lists users 1` mismatched')
    expect(failed.output).toMatch(/- +"count": 1,\n\+ +"count": 3,/)
    expect(failed.output).toMatch(/- +"rows": "1",\n\+ +"rows": "10-99",/)

    const updated = await runVitest(fixture.dir, ['-u'], more)
    expect(updated.code, updated.output).toBe(0)
    expect(readFileSync(snapshotFile, 'utf8')).toContain('"count": 3,\n      "rows": "10-99",')
    expect((await runVitest(fixture.dir, [], more)).code).toBe(0)
  }, 240_000) // four child vitest runs on a shared, loaded machine
})
