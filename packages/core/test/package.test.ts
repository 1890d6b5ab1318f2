import { execFileSync } from 'node:child_process'
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const pkg = fileURLToPath(new URL('..', import.meta.url))

describe('the published package', () => {
  it('loads from ESM and from CommonJS (require(esm)) in a child process', () => {
    const esm = execFileSync(
      process.execPath,
      ['--input-type=module', '-e', "import('@querycost/core').then((m) => console.log(typeof m.runWithCost, typeof m.toRows))"],
      { cwd: pkg },
    ).toString()
    expect(esm.trim()).toBe('function function')
    const cjs = execFileSync(process.execPath, ['-e', "const m = require('@querycost/core'); console.log(typeof m.measureCost)"], {
      cwd: pkg,
      env: { ...process.env, NODE_NO_WARNINGS: '1' },
    }).toString()
    expect(cjs.trim()).toBe('function')
  })

  it('holds exactly one store when two copies of core are loaded', () => {
    // A second copy inside the package, so it resolves the same dependencies as an
    // application with two installed copies would.
    const copy = mkdtempSync(join(pkg, '.copy-'))
    cpSync(join(pkg, 'dist'), join(copy, 'dist'), { recursive: true })
    cpSync(join(pkg, 'package.json'), join(copy, 'package.json'))
    const script = `
      const a = await import(${JSON.stringify(join(pkg, 'dist/index.js'))})
      const b = await import(${JSON.stringify(join(copy, 'dist/index.js'))})
      const d = await import(${JSON.stringify(join(copy, 'dist/driver.js'))})
      const { report } = await a.measureCost(async () => {
        d.beginOperation(d.makeTarget('pg', 'SELECT', ['users'])).end(1, 0)
        console.log(b.currentCost().total.count)
      })
      console.log(report.total.count)`
    try {
      const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: copy }).toString()
      expect(out.trim().split('\n')).toEqual(['1', '1'])
    } finally {
      rmSync(copy, { recursive: true, force: true })
    }
  })
})
