import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { stepProgress } from '../src/engine/step-progress.js'
import { progressLine } from '../src/input/progress.js'
import { fixtureReports } from './fixture.js'
import { runCli, runJson } from './run-cli.js'

const dir = mkdtempSync(join(tmpdir(), 'querycost-input-'))
const lines = fixtureReports().map((r) => JSON.stringify(r))
const total = (routes: { requests: number }[]) => routes.reduce((n, r) => n + r.requests, 0)

describe('reading reports', () => {
  it('a line that is not a report is reported with its file and line number, counted, and the rest still read', async () => {
    const file = join(dir, 'mixed.jsonl')
    const mixed = [...lines.slice(0, 10), 'this is not json', lines[10], '{"foo": 1}', '', '[1, 2]', ...lines.slice(11)]
    writeFileSync(file, mixed.join('\n'))
    const { code, stdout, stderr } = await runCli(['routes', file, '--json'])
    expect(code).toBe(0)
    expect(total(JSON.parse(stdout))).toBe(100)
    expect(stderr.split('\n')).toEqual([
      `${file}:11: skipped, not JSON (${jsonError('this is not json')})`,
      `${file}:13: skipped, not a querycost report (no "name")`,
      `${file}:15: skipped, not a JSON object`,
      '3 line(s) were not JSON-lines cost reports and were skipped; 100 report(s) read.',
      '',
    ])
  })

  it('a file with no report at all is a clear error', async () => {
    const file = join(dir, 'notes.txt')
    writeFileSync(file, 'hello\nworld\n')
    const { code, stderr } = await runCli(['tables', file])
    expect(code).toBe(1)
    expect(stderr).toContain(`${file}:1: skipped, not JSON`)
    expect(stderr).toContain('querycost: no cost report was read: is this a querycost JSON-lines file?')
  })

  it('gzip, standard input, quoted patterns and several files add up', async () => {
    mkdirSync(join(dir, 'logs', 'a'), { recursive: true })
    writeFileSync(join(dir, 'logs', 'a', 'one.jsonl.gz'), gzipSync(`${lines.slice(0, 40).join('\n')}\n`))
    writeFileSync(join(dir, 'logs', 'two.jsonl'), `${lines.slice(40, 70).join('\n')}\n`)
    writeFileSync(join(dir, 'logs', 'skip.txt'), 'not matched by the pattern')
    expect(total(await runJson(['routes', join(dir, 'logs', '**', '*.jsonl*')]))).toBe(70)
    expect(total(await runJson(['routes', join(dir, 'logs', 'a', 'one.jsonl.gz'), join(dir, 'logs', 'two.jsonl')]))).toBe(70)
    const piped = await runCli(['routes', '--json'], `${lines.slice(70).join('\n')}\n`)
    expect(total(JSON.parse(piped.stdout))).toBe(30)
    const gzPiped = await runCli(['routes', '-', '--json'], gzipSync(lines.slice(0, 25).join('\n')))
    expect(total(JSON.parse(gzPiped.stdout))).toBe(25)
  })

  it('a missing file or an unmatched pattern names itself', async () => {
    const missing = await runCli(['routes', join(dir, 'nope.jsonl')])
    expect([missing.code, missing.stderr]).toEqual([1, `querycost: cannot read ${join(dir, 'nope.jsonl')}: no such file\n`])
    const none = await runCli(['routes', join(dir, '*.nothing')])
    expect([none.code, none.stderr]).toEqual([1, `querycost: no file matches ${join(dir, '*.nothing')}\n`])
  })

  it('the progress line: bytes of the total and reports so far, rewritten in place, cleared at the end', () => {
    const written: string[] = []
    const stream = { isTTY: false, write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream
    const quiet = progressLine(700e6, stream)
    quiet.tick(1e6, 10)
    quiet.done()
    expect(written).toEqual([]) // not a terminal: nothing
    const shown = progressLine(700e6, stream, 0, true)
    shown.tick(412e6, 590_000)
    shown.done()
    expect(written).toEqual(['\rreading: 412 MB of 700 MB, 590,000 reports\x1b[K', '\r\x1b[K'])
  })
})

function jsonError(text: string): string {
  try {
    JSON.parse(text)
  } catch (error) {
    return (error as Error).message
  }
  return ''
}

describe('the step progress line of the DuckDB reader', () => {
  it('on a terminal: the step and the seconds, in place, cleared at the end', () => {
    const written: string[] = []
    const stream = { isTTY: true, write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream
    const progress = stepProgress(stream, false, 0)
    progress.show('reading cost.jsonl, 0.0 MB of 888 MB read, 0 reports')
    progress.done()
    expect(written).toEqual(['\rreading cost.jsonl, 0.0 MB of 888 MB read, 0 reports, 0 s\x1b[K', '\r\x1b[K'])
  })
})
