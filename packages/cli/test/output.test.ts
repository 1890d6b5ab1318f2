import { execFile } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable, Writable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { main } from '../src/cli/main.js'
import { writeFixture } from './fixture.js'
import { runCli, runJson } from './run-cli.js'

const dir = mkdtempSync(join(tmpdir(), 'querycost-output-'))
const file = join(dir, 'cost.jsonl')
writeFixture(file)
const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url))

describe('output formats', () => {
  it('the terminal table is aligned, figures right-aligned with units', async () => {
    const { stdout } = await runCli(['tables', file, '--limit', '3'])
    expect(stdout).toBe(
      [
        'table                   routes    ops      time       rows  affected  errors',
        '──────────────────────  ──────  ─────  ────────  ─────────  ────────  ──────',
        'mysql:analytics.events       1  1,000  500.0 ms  1,000,000         0       0',
        'pg:orders                    2    380  220.0 ms      3,600        20       2',
        'pg:order_items               2    320   95.0 ms      1,500        60       0',
        '',
      ].join('\n'),
    )
  })

  it('CSV has a header and every field, quoted where needed', async () => {
    const { stdout } = await runCli(['table', 'pg:orders', file, '--csv'])
    expect(stdout).toBe(
      [
        'name,count,durationMs,rows,affected,errors,operations',
        'GET /orders,360,180,3600,0,0,SELECT 360',
        'POST /orders,20,40,0,20,2,INSERT 20',
        '',
      ].join('\n'),
    )
    const compare = await runCli([
      'compare',
      file,
      '--before',
      '2026-11-01..2026-11-02',
      '--after',
      '2026-11-02..',
      '--csv',
      '--limit',
      '1',
    ])
    expect(compare.stdout.split('\n').slice(0, 2)).toEqual([
      'kind,key,requests_before,requests_after,requests_change,requests_ratio,count_before,count_after,count_change,count_ratio,durationMs_before,durationMs_after,durationMs_change,durationMs_ratio,rows_before,rows_after,rows_change,rows_ratio,affected_before,affected_after,affected_change,affected_ratio,errors_before,errors_after,errors_change,errors_ratio',
      'route,GET /orders,10,20,10,2,220,440,220,2,85,170,85,2,1700,3400,1700,2,0,0,0,,0,0,0,',
    ])
  })

  it('export --parquet writes rows DuckDB reads back with the same totals', async () => {
    const out = join(dir, 'rows.parquet')
    const { stdout } = await runCli(['export', file, '--parquet', out])
    expect(stdout).toBe(`wrote 202 rows of cost_rows to ${out}\n`)
    const back = await runJson([
      'sql',
      `SELECT count(*) AS n, sum("count") AS ops, sum("durationMs") AS ms FROM read_parquet('${out}')`,
      file,
    ])
    expect(back).toEqual([{ n: 202, ops: 1880, ms: 900 }])
  })

  it('usage mistakes exit 2 with a line that names the fix', async () => {
    expect(await runCli(['routes', file, '--by', 'speed'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--by speed: order by one of count, time, rows, affected, errors, requests'),
    })
    expect(await runCli(['frobnicate'])).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown command "frobnicate"') })
    expect(await runCli(['table', 'orders', file])).toMatchObject({
      code: 1,
      stderr: 'querycost: "orders" is not a table key: write system:table, as in pg:orders\n',
    })
    expect(await runCli(['compare', file])).toMatchObject({
      code: 1,
      stderr: 'querycost: compare needs --before START..END and --after START..END\n',
    })
    expect(await runCli(['routes', file, '--since', 'yesterday'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('"yesterday" is not a time'),
    })
  })

  it('the built bin runs as a command (ESM dist, exit code, standard output)', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [bin, 'routes', file, '--by', 'count', '--limit', '1', '--json'])
    expect(JSON.parse(stdout).map((r: { name: string }) => r.name)).toEqual(['job:nightly'])
    const help = await promisify(execFile)(process.execPath, [bin, '--help'])
    expect(help.stdout).toContain('Usage: querycost <command> [files…] [options]')
  })
})

describe('with no file and a terminal for input', () => {
  it('a query command says to name files; sql runs on its own (for read_parquet)', async () => {
    const tty = Object.assign(Readable.from([]), { isTTY: true })
    const err: string[] = []
    const stderr = { write: (t: string) => err.push(t) } as unknown as NodeJS.WriteStream
    const out: string[] = []
    const stdout = new Writable({
      write(chunk, _encoding, done) {
        out.push(String(chunk))
        done()
      },
    })
    expect(await main(['routes'], { stdout, stderr, stdin: tty })).toBe(1)
    expect(err.join('')).toBe('querycost: name the JSON-lines files to read (or pipe them in): querycost routes cost.jsonl\n')
    expect(await main(['sql', 'SELECT 6 * 7 AS n', '--json'], { stdout, stderr, stdin: tty })).toBe(0)
    expect(JSON.parse(out.join(''))).toEqual([{ n: 42 }])
  })
})
