import { afterEach, describe, expect, it } from 'vitest'
import { MAX_FINGERPRINT_LENGTH, MAX_OPERATION_LENGTH, MAX_TABLE_LENGTH } from '../src/accounting/bounds.js'
import { beginOperation, makeTarget, sqlTargets } from '../src/driver.js'
import { measureCost } from '../src/index.js'
import { clearSqlCache } from '../src/sql/analyze.js'

/** The most a report's JSON takes with the default bounds (docs/report-limits.md). */
const MAX_REPORT_BYTES = 1024 * 1024

afterEach(() => clearSqlCache())

const bytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value))

describe('report size', () => {
  it('stays small with 20 distinct ~100 KB statements, each repeated, on long table names', { timeout: 60_000 }, async () => {
    const { report } = await measureCost(async () => {
      for (let k = 0; k < 20; k++) {
        // A long column list (no list rule shortens it) on a 5,000-character table name.
        const text = `SELECT ${Array.from({ length: 11000 }, (_, c) => `c${k}_${c}`).join(', ')} FROM "${'t'.repeat(5000)}_${k}" WHERE id = ${k}`
        expect(text.length).toBeGreaterThan(100_000)
        for (let r = 0; r < 10; r++) for (const target of sqlTargets(text, 'pg', 'pg')) beginOperation(target).end(1, 0)
      }
    })
    expect(report.total.count).toBe(200)
    expect(report.repeated).toHaveLength(20)
    for (const entry of report.repeated) {
      expect(entry.fingerprint).toHaveLength(MAX_FINGERPRINT_LENGTH)
      expect(entry.tables[0]).toHaveLength(MAX_TABLE_LENGTH)
    }
    // Cut names stay distinct: a hash of the whole name ends each.
    expect(new Set(report.repeated.map((r) => r.fingerprint)).size).toBe(20)
    expect(Object.keys(report.tables)).toHaveLength(20)
    console.log(`report of 20 repeated ~100 KB statements: ${bytes(report)} bytes`)
    expect(bytes(report)).toBeLessThan(64 * 1024) // 1,963,357 bytes before the bounds
  })

  it('stays under the stated maximum with every bound filled', async () => {
    const long = (prefix: string, n: number): string => `${prefix}${'x'.repeat(n)}`
    const { report } = await measureCost(async () => {
      // Repeated statements past the listed number, with the longest fingerprints and many tables each.
      for (let s = 0; s < 30; s++) {
        const tables = Array.from({ length: 100 }, (_, i) => long(`r${s}_${i}_`, 300))
        const target = makeTarget('pg', 'SELECT', tables, long(`select ${s} `, 10_000))
        for (let r = 0; r < 10; r++) beginOperation(target).end(1, 0)
      }
      // More tables than kept, more operations per table than kept, names past every bound:
      // as many shapes as a context tracks.
      for (let t = 0; t < 120; t++) {
        for (let o = 0; o < 40; o++) {
          const target = makeTarget('redis', long(`OP${o}_`, 500), [long(`table${t}_`, 500)], undefined)
          beginOperation(target).end(123456789, 987654321)
        }
      }
    })
    // Shapes past maxShapes (1000) count under redis:(other); tables past maxTables (100) fold too.
    expect(Object.keys(report.tables).length).toBeLessThanOrEqual(102)
    expect(report.repeated).toHaveLength(20)
    for (const table of Object.values(report.tables)) {
      expect(table.table.length).toBeLessThanOrEqual(MAX_TABLE_LENGTH)
      for (const verb of Object.keys(table.operations)) expect(verb.length).toBeLessThanOrEqual(MAX_OPERATION_LENGTH)
    }
    const size = bytes(report)
    console.log(`report with every bound filled: ${size} bytes`)
    expect(size).toBeLessThan(MAX_REPORT_BYTES)
  })
})
