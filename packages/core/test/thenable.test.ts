import { once } from 'node:events'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { setCallbackBinding } from '../src/driver.js'
import { type CostReport, lostContextStats, measureCost, resetLostContext, runWithCost, withCost } from '../src/index.js'
import { FakeDriver } from './fake-driver.js'

afterEach(() => setCallbackBinding(true))

/**
 * A lazy query builder in miniature, as Knex and Drizzle build theirs: nothing is sent
 * until something calls `then`, and then one query goes out per call.
 */
class LazyQuery implements PromiseLike<number> {
  thenCalls = 0
  constructor(
    private readonly db: FakeDriver,
    private readonly rows: number,
    private readonly fail = false,
  ) {}

  // biome-ignore lint/suspicious/noThenProperty: a thenable is what is under test
  then<A = number, B = never>(
    onFulfilled?: (value: number) => A | PromiseLike<A>,
    onRejected?: (error: unknown) => B | PromiseLike<B>,
  ): PromiseLike<A | B> {
    this.thenCalls++
    const sent = new Promise<number>((resolve, reject) =>
      this.db.query('users', this.rows, (err, n) => (err ? reject(err) : resolve(n as number)), this.fail),
    )
    return sent.then(onFulfilled, onRejected)
  }
}

describe('a thenable returned to a context runner', () => {
  it('measureCost calls its then inside the context: the query it sends is counted there', async () => {
    const db = new FakeDriver()
    resetLostContext()
    const query = new LazyQuery(db, 4)
    const { result, report } = await measureCost(() => query, { name: 'lazy' })
    expect(result).toBe(4)
    expect(query.thenCalls).toBe(1)
    expect(report.total).toMatchObject({ count: 1, rows: 4, errors: 0 })
    expect(lostContextStats().total.count).toBe(0)
  })

  it('runWithCost does the same, and ends the context when the thenable settles', async () => {
    const db = new FakeDriver()
    resetLostContext()
    const reports: CostReport[] = []
    const query = new LazyQuery(db, 3)
    const result = await runWithCost(() => query, { onReport: (r) => reports.push(r) })
    expect(result).toBe(3)
    expect(reports.map((r) => r.total.count)).toEqual([1])
    expect(reports[0]?.total.rows).toBe(3)
    expect(lostContextStats().total.count).toBe(0)
  })

  it('a failing thenable rejects with its own error and still counts in the context', async () => {
    const db = new FakeDriver()
    const reports: CostReport[] = []
    const query = new LazyQuery(db, 0, true)
    await expect(runWithCost(() => query, { onReport: (r) => reports.push(r) })).rejects.toThrow('boom')
    expect(reports[0]?.total).toMatchObject({ count: 1, errors: 1 })
  })

  it('a then that throws synchronously rejects with that error', async () => {
    const broken = {
      // biome-ignore lint/suspicious/noThenProperty: a thenable is what is under test
      then() {
        throw new Error('then threw')
      },
    }
    await expect(measureCost(() => broken)).rejects.toThrow('then threw')
  })

  it('a thenable resolving to another lazy thenable is followed inside the context too', async () => {
    const db = new FakeDriver()
    resetLostContext()
    const inner = new LazyQuery(db, 2)
    const outer = {
      // biome-ignore lint/suspicious/noThenProperty: a thenable is what is under test
      then(onFulfilled: (value: unknown) => void) {
        setImmediate(() => onFulfilled(inner))
      },
    }
    const { result, report } = await measureCost(() => outer)
    expect(result).toBe(2)
    expect(report.total.count).toBe(1)
    expect(lostContextStats().total.count).toBe(0)
  })

  it('a native promise comes back as it is', async () => {
    const promise = Promise.resolve(7)
    expect(runWithCost(() => promise)).not.toBe(promise) // the derived promise that ends the context
    expect((await measureCost(() => promise)).result).toBe(7)
  })

  it('withCost calls a handler’s returned thenable inside the request', async () => {
    const db = new FakeDriver()
    resetLostContext()
    const reports: CostReport[] = []
    const server = http.createServer(
      withCost(
        // The response ends when the query has answered, as a framework awaiting the handler would.
        (_req, res) => ({
          // biome-ignore lint/suspicious/noThenProperty: a thenable is what is under test
          then: (onFulfilled: (value: unknown) => void) => new LazyQuery(db, 5).then((n) => onFulfilled(res.end(String(n)))),
        }),
        { name: () => 'GET /lazy', onReport: (r) => reports.push(r) },
      ),
    )
    server.listen(0, '127.0.0.1')
    await once(server, 'listening')
    const { port } = server.address() as AddressInfo
    expect(await fetch(`http://127.0.0.1:${port}/`).then((r) => r.text())).toBe('5')
    await new Promise<void>((resolve) => server.close(() => resolve()))
    expect(lostContextStats().total.count).toBe(0)
    expect(reports.map((r) => [r.name, r.total.count])).toEqual([['GET /lazy', 1]])
  })

  it('negative control: the old runner (Promise.resolve after leaving the context) loses the query', async () => {
    // With rebinding switched off, followInContext does what runWithCost and measureCost
    // did before the fix: the builder's then runs a microtask later, outside the context.
    const db = new FakeDriver()
    resetLostContext()
    setCallbackBinding(false)
    const query = new LazyQuery(db, 4)
    const { result, report } = await measureCost(() => query)
    expect(result).toBe(4)
    expect(report.total.count).toBe(0)
    expect(lostContextStats().total.count).toBe(1)
  })
})
