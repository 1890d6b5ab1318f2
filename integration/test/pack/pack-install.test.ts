import { execFileSync } from 'node:child_process'
import { rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { CJS, ESM, EXPECTED, TS, TSCONFIG } from '../../src/pack/app-sources.js'
import { publicPackages } from '../../src/pack/packages.js'
import { scratchApp } from '../../src/pack/scratch-app.js'

const urls = { PG_URL: inject('pgUrl'), MYSQL_URL: inject('mysqlUrl'), REDIS_URL: inject('redisUrl') }
const ready = Object.values(urls).every((url) => url !== undefined)

// The packages as a team outside this repository gets them: packed, installed from the
// tarballs into an app in the system's temporary folder, run by this test's own Node.
describe.skipIf(!ready)('packed tarballs installed into an app outside the workspace', () => {
  const packages = publicPackages()
  let app: string

  beforeAll(() => {
    app = scratchApp(packages)
    writeFileSync(join(app, 'esm.mjs'), ESM)
    writeFileSync(join(app, 'cjs.cjs'), CJS)
    writeFileSync(join(app, 'app.ts'), TS)
    writeFileSync(join(app, 'tsconfig.json'), TSCONFIG)
  }, 240_000)
  afterAll(() => {
    if (app !== undefined) rmSync(app, { recursive: true, force: true })
  })

  const run = (file: string): unknown =>
    JSON.parse(
      execFileSync(process.execPath, [file], { cwd: app, env: { ...process.env, ...urls, NODE_NO_WARNINGS: '1' } })
        .toString()
        .trim(),
    )

  it('counts one known request exactly from ESM', () => {
    expect(run('esm.mjs')).toEqual(EXPECTED)
  })

  it('counts the same request exactly from CommonJS (require(esm))', () => {
    expect(run('cjs.cjs')).toEqual(EXPECTED)
  })

  it('type-checks under strict TypeScript with the shipped declarations', () => {
    const tsc = join(app, 'node_modules', 'typescript', 'bin', 'tsc')
    let output = ''
    try {
      execFileSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: app, stdio: 'pipe' })
    } catch (error) {
      output = String((error as { stdout?: Buffer }).stdout ?? error)
    }
    expect(output).toBe('')
  })

  it('loads every public package from ESM and from CommonJS', () => {
    for (const pkg of packages) {
      const esm = `import(${JSON.stringify(pkg.name)}).then((m) => console.log(Object.keys(m).length > 0))`
      expect(execFileSync(process.execPath, ['--input-type=module', '-e', esm], { cwd: app }).toString().trim(), pkg.name).toBe('true')
      const cjs = `console.log(Object.keys(require(${JSON.stringify(pkg.name)})).length > 0)`
      const out = execFileSync(process.execPath, ['-e', cjs], { cwd: app, env: { ...process.env, NODE_NO_WARNINGS: '1' } })
      expect(out.toString().trim(), pkg.name).toBe('true')
    }
  })
})
