import { afterEach, describe, expect, it } from 'vitest'
import { setCallbackBinding } from '../src/driver.js'
import { currentCost, type LostOperation, lostContextStats, measureCost, onLostContext, resetLostContext } from '../src/index.js'
import { FakeDriver } from './fake-driver.js'
import { stderrLines } from './stderr-lines.js'

afterEach(() => setCallbackBinding(true))

async function chain(db: FakeDriver, n: number): Promise<void> {
  // Callback style: each next query is issued from the previous one's callback.
  await new Promise<void>((resolve, reject) => {
    const step = (left: number): void => {
      if (left === 0) {
        resolve()
        return
      }
      db.query('items', 1, (err) => (err ? reject(err) : step(left - 1)))
    }
    step(n)
  })
}

describe('context', () => {
  it('keeps each of 100 concurrent contexts exact through callbacks run on a shared socket', async () => {
    const db = new FakeDriver()
    resetLostContext()
    const reports = await Promise.all(Array.from({ length: 100 }, (_, i) => measureCost(() => chain(db, (i % 9) + 1), { name: `c${i}` })))
    expect(reports.map(({ report }) => report.total.count)).toEqual(reports.map((_, i) => (i % 9) + 1))
    expect(lostContextStats().total.count).toBe(0)
  })

  it('loses context without rebinding (the switch the integration suites use)', async () => {
    const db = new FakeDriver()
    resetLostContext()
    setCallbackBinding(false)
    const reports = await Promise.all(Array.from({ length: 20 }, () => measureCost(() => chain(db, 3))))
    expect(reports.filter(({ report }) => report.total.count !== 3).length).toBe(20)
    expect(lostContextStats().total.count).toBe(40)
  })

  it('counts an operation outside any context as lost and tells the listeners', async () => {
    const db = new FakeDriver()
    resetLostContext()
    const seen: unknown[] = []
    const off = onLostContext((op) => seen.push(op))
    await db.queryAsync('users', 2)
    off()
    await db.queryAsync('users', 2)
    expect(seen).toEqual([{ system: 'fake', operation: 'SELECT', tables: ['users'] }])
    expect(lostContextStats().total).toMatchObject({ count: 2, rows: 4 })
    expect(lostContextStats().tables['fake:users']).toMatchObject({ count: 2 })
    expect(currentCost()).toBeUndefined()
  })

  it('gives the call site, without querycost frames, only to listeners that ask for it', async () => {
    const db = new FakeDriver()
    const plain: LostOperation[] = []
    const sited: LostOperation[] = []
    const offPlain = onLostContext((op) => plain.push(op))
    const offSited = onLostContext((op) => sited.push(op), { callSite: true })
    async function startUpQuery(): Promise<number> {
      return db.queryAsync('users', 1)
    }
    await startUpQuery()
    offPlain()
    offSited()
    expect(plain).toEqual([{ system: 'fake', operation: 'SELECT', tables: ['users'] }])
    expect('callSite' in (plain[0] as object)).toBe(false)
    const site = sited[0]?.callSite ?? ''
    expect(site.split('\n')[0]).toMatch(/FakeDriver\.query .*fake-driver\.ts/)
    expect(site).toMatch(/startUpQuery .*context\.test\.ts/)
    expect(site).not.toMatch(/src[/\\](accounting|context)[/\\]/)
    await db.queryAsync('users', 1)
    expect(sited.length).toBe(1) // removed
  })

  it('a throwing lost-context listener never breaks the query', async () => {
    const db = new FakeDriver()
    const off = onLostContext(() => {
      throw new Error('listener bug')
    })
    const lines = await stderrLines(() => expect(db.queryAsync('users', 1)).resolves.toBe(1))
    off()
    expect(lines.map((line) => JSON.parse(line))).toMatchObject([
      { level: 'error', where: 'onLostContext listener', error: expect.stringContaining('listener bug') },
    ])
  })
})
