import { describe, expect, it } from 'vitest'
import { isoTime } from '../src/report/iso-time.js'

describe('isoTime', () => {
  it('formats exactly as Date#toISOString', () => {
    const cases = [
      0,
      1,
      9,
      10,
      99,
      100,
      999,
      1000,
      1001,
      Date.UTC(2026, 10, 24, 15, 4, 5, 7),
      Date.UTC(2000, 1, 29, 23, 59, 59, 999),
      253402300799999,
    ]
    let x = 1_790_000_000_000
    for (let i = 0; i < 5000; i++) {
      x += Math.floor(Math.random() * 3000) // mostly the same second, sometimes the next
      cases.push(x)
    }
    for (let i = 0; i < 1000; i++) cases.push(Math.floor(Math.random() * 253402300799999))
    for (const ms of cases) expect(isoTime(ms)).toBe(new Date(ms).toISOString())
  })
})
