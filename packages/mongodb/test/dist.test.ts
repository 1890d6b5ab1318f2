import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('..', import.meta.url))

describe('the built package', () => {
  it('loads from ESM and from CommonJS (require(esm)) with its named exports', () => {
    const esm = execFileSync(
      process.execPath,
      ['--input-type=module', '-e', "const m = await import('@querycost/mongodb'); console.log(Object.keys(m).sort().join(','))"],
      { cwd: root, encoding: 'utf8' },
    )
    expect(esm.trim()).toBe('instrument,instrumentModule,shape')
    const cjs = execFileSync(
      process.execPath,
      ['-e', "const m = require('@querycost/mongodb'); console.log(typeof m.instrument, typeof m.instrumentModule)"],
      { cwd: root, encoding: 'utf8' },
    )
    expect(cjs.trim()).toBe('function function')
  })

  it('instrument() rejects what is not a MongoClient with a clear error', async () => {
    const { instrument } = await import('@querycost/mongodb')
    expect(() => instrument({})).toThrow(/takes a MongoClient/)
  })
})
