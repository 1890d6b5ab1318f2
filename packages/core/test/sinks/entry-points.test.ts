import { execFileSync } from 'node:child_process'
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const pkg = fileURLToPath(new URL('../..', import.meta.url))

describe('optional peers', () => {
  it('keeps the main entry free of @opentelemetry/api and prom-client', () => {
    // The built package alone, where neither peer can be resolved.
    const dir = mkdtempSync(join(tmpdir(), 'qc-peers-'))
    try {
      cpSync(join(pkg, 'dist'), join(dir, 'dist'), { recursive: true })
      cpSync(join(pkg, 'package.json'), join(dir, 'package.json'))
      const script = `
        const core = await import('./dist/index.js')
        console.log(typeof core.jsonLinesSink, typeof core.runWithCost)
        for (const entry of ['otel', 'prometheus']) {
          await import('./dist/' + entry + '.js').then(() => console.log(entry, 'loaded'), (e) => console.log(entry, e.code))
        }`
      const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: dir }).toString()
      expect(out.trim().split('\n')).toEqual(['function function', 'otel ERR_MODULE_NOT_FOUND', 'prometheus ERR_MODULE_NOT_FOUND'])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('serves the sinks from their subpaths when the peers are installed', () => {
    const script = `
      const { otelSink } = await import('@querycost/core/otel')
      const { prometheusSink } = await import('@querycost/core/prometheus')
      console.log(typeof otelSink, typeof prometheusSink)`
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: pkg }).toString()
    expect(out.trim()).toBe('function function')
  })
})
