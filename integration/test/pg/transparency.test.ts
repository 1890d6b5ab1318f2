import { measureCost } from '@querycost/core'
import { instrument } from '@querycost/pg'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

const url = inject('pgUrl')

// Issue 26: pg sees the caller's arguments. pg up to 8.23.0 wrote the callback it got onto
// the caller's config object, so a callback querycost added turned the caller's next
// query with the same config into callback mode (it returned undefined); and a
// non-function third argument must reach pg so that pg throws its own TypeError.
// Both tests failed before querycost stopped handing pg a callback of its own.
describe.skipIf(url === undefined)('@querycost/pg: pg sees what the caller passed', () => {
  let client: pg.Client
  const received: unknown[][] = []
  beforeAll(async () => {
    client = new pg.Client({ connectionString: url })
    const query = client.query
    // What pg up to 8.23.0 did with a config object, recorded and replayed on pg 8.23.1.
    client.query = function (this: pg.Client, config: unknown, values?: unknown, callback?: unknown) {
      received.push([...arguments])
      if (config !== null && typeof config === 'object' && !('submit' in config)) {
        const c = config as { callback?: unknown }
        if (typeof values === 'function') c.callback = values
        if (callback) c.callback = callback
      }
      return (query as (...a: unknown[]) => unknown).apply(this, arguments as unknown as unknown[])
    } as never
    instrument(client)
    await client.connect()
  })
  afterAll(async () => client?.end())

  it('hands pg no callback the caller did not give: the same config object works twice', async () => {
    received.length = 0
    const config = { text: 'SELECT $1::int AS n', values: [1] }
    const { report } = await measureCost(async () => {
      const first = await client.query(config)
      const second = await client.query(config)
      return [first?.rows.length, second?.rows.length]
    })
    expect(received.map((args) => args.length)).toEqual([1, 1])
    expect(Object.keys(config)).toEqual(['text', 'values'])
    expect(report.total).toMatchObject({ count: 2, rows: 2, errors: 0 })
  })

  it('lets pg throw its own TypeError for a callback that is not a function, and counts nothing', async () => {
    const { report } = await measureCost(() => {
      expect(() => client.query('SELECT $1::int AS n', [1], 'not a function' as never)).toThrow(TypeError)
    })
    expect(report.total.count).toBe(0)
    const { result } = await measureCost(() => client.query('SELECT 1 AS one'))
    expect(result.rows).toEqual([{ one: 1 }])
  })
})
