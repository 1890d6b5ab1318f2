import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { describe, expect, it, vi } from 'vitest'
import { type CostReport, jsonLinesSink, runWithCost } from '../../src/index.js'
import { sampleReport } from './sample-report.js'

const pkg = fileURLToPath(new URL('../..', import.meta.url))

function reportNamed(name: string): CostReport {
  let report: CostReport | undefined
  runWithCost(() => undefined, { name, onReport: (r) => (report = r) })
  return report as CostReport
}

/** A stream that records each write and completes them only when told. */
function recorder(): { stream: Writable; writes: string[]; hold: () => void; release: () => void } {
  const writes: string[] = []
  const pending: (() => void)[] = []
  let held = false
  const stream = new Writable({
    write(chunk, _enc, done) {
      writes.push(String(chunk))
      if (held) pending.push(() => done())
      else done()
    },
  })
  return {
    stream,
    writes,
    hold: () => {
      held = true
    },
    release: () => {
      held = false
      for (const done of pending.splice(0)) done()
    },
  }
}

describe('jsonLinesSink', () => {
  it('throws a clear error at creation for a path it cannot open, and the process lives on', () => {
    expect(() => jsonLinesSink('/no/such/dir/x.jsonl')).toThrow(
      'querycost: jsonLinesSink cannot open /no/such/dir/x.jsonl (ENOENT); create its directory or pass a writable stream',
    )
    // In a child, as a host would: before, an unhandled 'error' event killed the process.
    const script = `
      const { jsonLinesSink, configure, runWithCost } = await import('@querycost/core')
      try { configure({ onReport: jsonLinesSink('/no/such/dir/x.jsonl') }) } catch (error) { console.log(error.message) }
      runWithCost(() => 1, { name: 'job' })
      setTimeout(() => console.log('alive'), 50)`
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: pkg }).toString()
    expect(out.trim().split('\n')).toEqual([
      'querycost: jsonLinesSink cannot open /no/such/dir/x.jsonl (ENOENT); create its directory or pass a writable stream',
      'alive',
    ])
  })

  it('reports a stream error once, drops what follows and never throws', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
    try {
      const stream = new Writable({ write: (_c, _e, done) => done(new Error('disk gone')) })
      const sink = jsonLinesSink(stream)
      sink(reportNamed('a'))
      await new Promise((resolve) => setImmediate(resolve))
      await new Promise((resolve) => setImmediate(resolve))
      sink(reportNamed('b'))
      sink(reportNamed('c'))
      await sink.close()
      expect([sink.written, sink.dropped]).toEqual([1, 2])
      const lines = stderr.mock.calls.map(([text]) => String(text)).filter((text) => text.includes('jsonLinesSink write'))
      expect(lines).toHaveLength(1)
      expect(lines[0]).toContain('disk gone')
    } finally {
      stderr.mockRestore()
    }
  })

  it('batches the reports of one turn of the loop into one write', async () => {
    const { stream, writes } = recorder()
    const sink = jsonLinesSink(stream)
    for (let i = 0; i < 100; i++) sink(reportNamed(`r${i}`))
    expect(writes).toHaveLength(0) // nothing written synchronously
    await new Promise((resolve) => setImmediate(resolve))
    expect(writes).toHaveLength(1)
    expect(
      writes[0]
        ?.split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line).name),
    ).toEqual(Array.from({ length: 100 }, (_, i) => `r${i}`))
    await sink.close()
    expect(stream.writableEnded).toBe(false) // a stream you passed stays open
  })

  it('drops and counts past maxPendingBytes while the disk is slow, then resumes', async () => {
    const rec = recorder()
    rec.hold()
    const fixed = sampleReport('x', []) // every line the same length
    const one = `${JSON.stringify(fixed)}\n`.length
    const sink = jsonLinesSink(rec.stream, { maxPendingBytes: one * 10 })
    for (let i = 0; i < 25; i++) sink(fixed)
    await new Promise((resolve) => setImmediate(resolve))
    expect([sink.written, sink.dropped]).toEqual([10, 15])
    for (let i = 0; i < 5; i++) sink(fixed) // still held: the stream has 10 pending
    expect(sink.dropped).toBe(20)
    rec.release()
    await new Promise((resolve) => setImmediate(resolve))
    for (let i = 0; i < 5; i++) sink(fixed)
    await sink.close()
    expect([sink.written, sink.dropped]).toEqual([15, 20])
  })

  it('flushes every report to the file on close()', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qc-jsonl-'))
    try {
      const path = join(dir, 'cost.jsonl')
      const sink = jsonLinesSink(path)
      for (let i = 0; i < 1000; i++) sink(reportNamed(`job:${i}`))
      await sink.close()
      const lines = readFileSync(path, 'utf8').trim().split('\n')
      expect(lines).toHaveLength(1000)
      expect(JSON.parse(lines[999] as string).name).toBe('job:999')
      sink(reportNamed('late'))
      expect(sink.dropped).toBe(1)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
