import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  activeContext,
  beginStatements,
  countingConnect,
  isWaiterCallback,
  Loan,
  type Method,
  PoolRelay,
  safely,
  setCallbackBinding,
  settleStatements,
  waiterCallback,
} from '../src/driver.js'
import { lostContextStats, measureCost, resetLostContext } from '../src/index.js'
import { FAKE, FakePool, instrumentPool } from './fake-pool.js'

afterEach(() => {
  vi.restoreAllMocks()
  setCallbackBinding(true)
})

const query = (pool: FakePool, text: string): Promise<unknown> =>
  new Promise((resolve, reject) => pool.query(text, (error, result) => (error ? reject(error) : resolve(result))))

describe('safely', () => {
  it('gives the function’s result, and undefined after reporting a throw once per place', () => {
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
    expect(safely('kit test add', (a: number, b: number) => a + b, 1, 2)).toBe(3)
    const boom = (): number => {
      throw new Error('kit test boom')
    }
    expect(safely('kit test boom', boom)).toBeUndefined()
    expect(safely('kit test boom', boom)).toBeUndefined()
    expect(write).toHaveBeenCalledTimes(1)
    expect(String(write.mock.calls[0]?.[0])).toContain('kit test boom')
  })
})

describe('beginStatements and settleStatements', () => {
  const reader = { rowsOf: (r: { n: number }) => r.n, affectedOf: (r: { w?: number }) => r.w ?? 0 }

  it('begins one operation per statement and settles each from its own result', async () => {
    const { report } = await measureCost(() => {
      const ops = beginStatements(FAKE, 'SELECT * FROM a; UPDATE b SET x = 1')
      settleStatements(ops, undefined, [{ n: 3 }, { n: 0, w: 2 }], true, reader)
    })
    expect(report.total).toMatchObject({ count: 2, rows: 3, affected: 2, errors: 0 })
    expect(report.tables['fake:a']?.operations.SELECT?.rows).toBe(3)
    expect(report.tables['fake:b']?.operations.UPDATE?.affected).toBe(2)
  })

  it('settles a single statement with several result sets as one operation with all their rows', async () => {
    const { report } = await measureCost(() =>
      settleStatements(beginStatements(FAKE, 'CALL p()'), undefined, [{ n: 2 }, { n: 5 }], true, reader),
    )
    expect(report.total).toMatchObject({ count: 1, rows: 7 })
  })

  it('fails a multi-statement call once, on the statement the driver names', async () => {
    const { report } = await measureCost(() =>
      settleStatements(beginStatements(FAKE, 'SELECT 1 FROM a; SELECT 1 FROM b'), new Error('x'), undefined, false, reader, 1),
    )
    expect(report.total).toMatchObject({ count: 2, errors: 1 })
    expect(report.tables['fake:b']?.errors).toBe(1)
  })
})

describe('PoolRelay', () => {
  it('counts a shortcut and the query it sends once, in its caller’s context, however late a busy pool runs it', async () => {
    resetLostContext()
    const pool = instrumentPool(new FakePool(1))
    const reports = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        measureCost(async () => {
          for (let k = 0; k <= i % 4; k++) await query(pool, `SELECT * FROM t${i}`)
        }),
      ),
    )
    reports.forEach(({ report }, i) => {
      expect(report.total).toMatchObject({ count: (i % 4) + 1, rows: (i % 4) + 1, errors: 0 })
      expect(Object.keys(report.tables)).toEqual([`fake:t${i}`])
    })
    // With one connection, all but the first wait: the wait is theirs, not the pool's.
    expect(reports.filter(({ report }) => report.poolWaitMs > 0).length).toBeGreaterThan(10)
    expect(lostContextStats().total.count).toBe(0)
  })

  it('loses context without the relay’s scopes: the test above fails when rebinding is switched off', async () => {
    resetLostContext()
    setCallbackBinding(false)
    const pool = instrumentPool(new FakePool(1))
    const reports = await Promise.all(Array.from({ length: 10 }, () => measureCost(() => query(pool, 'SELECT * FROM t'))))
    expect(lostContextStats().total.count).toBeGreaterThan(0)
    expect(reports.filter(({ report }) => report.total.count !== 1).length).toBeGreaterThan(0)
  })

  it('runs a checkout’s callback in its caller’s context and counts a failed one under (connection), count unchanged', async () => {
    const pool = instrumentPool(new FakePool(1))
    pool.refuse = true
    const { report } = await measureCost(() => query(pool, 'SELECT 1').catch((error: Error) => error.message))
    expect(report.total).toMatchObject({ count: 0, errors: 1 })
    expect(report.systems.fake).toMatchObject({ count: 0, errors: 1 })
    expect(report.tables['fake:(connection)']).toMatchObject({ count: 0, errors: 1 })
  })

  it('lends once: a statement sent outside the pool’s callback borrows nothing', () => {
    const relay = new PoolRelay('fake', () => {})
    expect(relay.borrow()).toBe(Loan.None)
    const seen: number[] = []
    relay.lend(Loan.Direct, undefined, undefined, () => seen.push(relay.borrow(), relay.borrow()), undefined, 0, 0, 0, 0)
    expect(seen).toEqual([Loan.Direct, Loan.None])
    expect(relay.borrow()).toBe(Loan.None)
  })

  it('keeps one relay per pool: two pools’ checkouts do not share what they carry', async () => {
    const a = instrumentPool(new FakePool(1))
    const b = instrumentPool(new FakePool(1))
    const [ra, rb] = await Promise.all([
      measureCost(() => Promise.all([query(a, 'SELECT * FROM x'), query(a, 'SELECT * FROM x')])),
      measureCost(() => Promise.all([query(b, 'SELECT * FROM y'), query(b, 'SELECT * FROM y')])),
    ])
    expect(Object.keys(ra.report.tables)).toEqual(['fake:x'])
    expect(Object.keys(rb.report.tables)).toEqual(['fake:y'])
    expect([ra.report.total.count, rb.report.total.count]).toEqual([2, 2])
  })

  it('counts a failed connect once: in the waiter’s context when a waiter saw the error, else in the connecting one’s', async () => {
    const relay = new PoolRelay('fake', () => {})
    const error = new Error('ECONNREFUSED')
    let handOver: (error: Error) => unknown = () => undefined
    const waiter = measureCost(
      () =>
        new Promise<void>((resolve) => {
          handOver = relay.checkout(() => resolve(), false, true) as (error: Error) => unknown
        }),
    )
    const { report: connecting } = await measureCost(async () => {
      relay.connectFailed(activeContext(), error)
      handOver(error) // the pool hands the error to the waiter, from the connecting request
      await Promise.resolve()
    })
    const { report: waited } = await waiter
    expect(waited.tables['fake:(connection)']).toMatchObject({ count: 0, errors: 1 })
    expect(connecting.total.errors).toBe(0)
    const alone = await measureCost(async () => {
      relay.connectFailed(activeContext(), new Error('ECONNREFUSED'))
      await Promise.resolve()
    })
    expect(alone.report.tables['fake:(connection)']).toMatchObject({ count: 0, errors: 1 })
  })

  it('counts a checkout the pool refused without queuing it (checkoutRefused) in the current context only', async () => {
    const relay = new PoolRelay('fake', () => {})
    relay.checkoutRefused() // outside any request: nothing to count, nothing thrown
    const { report } = await measureCost(async () => relay.checkoutRefused())
    expect(report.tables['fake:(connection)']).toMatchObject({ count: 0, errors: 1 })
    expect(report.total).toMatchObject({ count: 0, errors: 1 })
  })

  it('knows the callbacks it queued, so a pool that queues one again does not wrap it twice', () => {
    expect(isWaiterCallback(waiterCallback(() => undefined, 1, 2, 3))).toBe(true)
    expect(isWaiterCallback(() => undefined)).toBe(false)
  })
})

describe('countingConnect', () => {
  type Done = (error: Error | null) => void
  // A connect that answers through the callback when given one, else through a promise.
  const connectFailing = (error: Error | null) =>
    function (this: unknown, callback?: unknown): unknown {
      if (typeof callback === 'function') {
        queueMicrotask(() => (callback as Done)(error))
        return undefined
      }
      return error === null ? Promise.resolve(this) : Promise.reject(error)
    }

  it('counts a failed connect once under (connection), callback or promise, and a good one not at all', async () => {
    const refused = countingConnect('fake', connectFailing(new Error('ECONNREFUSED')) as Method)
    const fine = countingConnect('fake', connectFailing(null) as Method)
    const { report } = await measureCost(async () => {
      await expect(refused.call({})).rejects.toThrow('ECONNREFUSED')
      expect(await new Promise((resolve) => refused.call({}, (error: Error | null) => resolve(error?.message)))).toBe('ECONNREFUSED')
      await fine.call({})
      await new Promise((resolve) => fine.call({}, resolve))
    })
    expect(report.tables['fake:(connection)']).toMatchObject({ count: 0, errors: 2 })
    expect(report.total).toMatchObject({ count: 0, errors: 2 })
  })

  it('hands the driver no callback the caller did not give, and its arguments and return value as they are', async () => {
    const seen: unknown[][] = []
    const original = function (this: unknown, ...args: unknown[]) {
      seen.push(args)
      return 'returned'
    }
    const wrapped = countingConnect('fake', original as Method)
    expect(wrapped.call({})).toBe('returned')
    await measureCost(() => {
      expect(wrapped.call({})).toBe('returned')
      expect(wrapped.call({}, 'x')).toBe('returned')
    })
    expect(seen).toEqual([[], [], ['x']])
  })
})
