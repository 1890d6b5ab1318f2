import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const pkg = fileURLToPath(new URL('..', import.meta.url))

describe('the published package', () => {
  it('loads from ESM and from CommonJS (require(esm)) and enables the Bluebird it resolves', () => {
    const esm = execFileSync(
      process.execPath,
      ['--input-type=module', '-e', "const m = await import('@querycost/bluebird'); await m.verify(m.enable()); console.log('ok')"],
      { cwd: pkg },
    ).toString()
    expect(esm.trim()).toBe('ok')
    const cjs = execFileSync(
      process.execPath,
      ['-e', "const m = require('@querycost/bluebird'); const B = require('bluebird'); console.log(m.enable(B, { probe: false }) === B)"],
      { cwd: pkg, env: { ...process.env, NODE_NO_WARNINGS: '1' } },
    ).toString()
    expect(cjs.trim()).toBe('true')
  })
})
