import { afterEach, describe, expect, it, vi } from 'vitest'
import { waiterCallback } from '../src/driver.js'

afterEach(() => vi.restoreAllMocks())

type Call = { self: unknown; args: unknown[] }

function recorder(calls: Call[]) {
  return function (this: unknown, ...args: unknown[]): string {
    calls.push({ self: this, args })
    return `ran ${args[0]}`
  }
}

describe('waiterCallback', () => {
  it('runs the handler once with its three values, the count of the pool’s arguments, the first three and the pool’s this', () => {
    const calls: Call[] = []
    const waiting = waiterCallback(recorder(calls), 'a', 2, true)
    const pool = { name: 'pool' }
    expect(waiting.call(pool, null, 'connection')).toBe('ran a')
    expect(calls).toEqual([{ self: pool, args: ['a', 2, true, 2, null, 'connection', undefined, undefined] }])
  })

  it('passes a fourth value last, after the pool’s arguments', () => {
    const calls: Call[] = []
    const waiting = waiterCallback(recorder(calls), 'a', 2, true, 'scope')
    waiting(null, 'connection')
    expect(calls[0]?.args).toEqual(['a', 2, true, 2, null, 'connection', undefined, 'scope'])
  })

  it('gives two checkouts waiting at once two callbacks, each with its own values', () => {
    const calls: Call[] = []
    const first = waiterCallback(recorder(calls), 'first', undefined, undefined)
    const second = waiterCallback(recorder(calls), 'second', undefined, undefined)
    expect(second).not.toBe(first)
    second(undefined, 'c2', 'r2')
    first(new Error('x'))
    expect(calls.map((c) => [c.args[0], c.args[3], c.args[5]])).toEqual([
      ['second', 3, 'c2'],
      ['first', 1, undefined],
    ])
  })

  it('recycles a callback once it has run, for the next checkout, with the next checkout’s values', () => {
    const calls: Call[] = []
    const once = waiterCallback(recorder(calls), 'old', 'old context', undefined)
    once()
    const next = waiterCallback(recorder(calls), 'new', 'new context', undefined)
    expect(next).toBe(once)
    next(undefined, 'c')
    expect(calls.map((c) => c.args.slice(0, 2))).toEqual([
      ['old', 'old context'],
      ['new', 'new context'],
    ])
  })

  it('lets the handler check out again: the new checkout reuses the callback, the running one keeps its values', () => {
    const seen: unknown[] = []
    let inner: unknown
    const outer = waiterCallback(
      (a: string) => {
        inner = waiterCallback((b: string) => seen.push(b), 'inner', undefined, undefined)
        seen.push(a)
      },
      'outer',
      undefined,
      undefined,
    )
    outer()
    expect(inner).toBe(outer)
    ;(inner as () => void)()
    expect(seen).toEqual(['outer', 'inner'])
  })

  it('ignores and reports a second run of a callback the pool already ran (its values are gone)', () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
    const calls: Call[] = []
    const waiting = waiterCallback(recorder(calls), 'a', undefined, undefined)
    waiting()
    expect(waiting()).toBeUndefined()
    expect(calls).toHaveLength(1)
    expect(String(stderr.mock.calls[0]?.[0])).toContain('ran a waiting checkout’s callback twice')
  })
})
