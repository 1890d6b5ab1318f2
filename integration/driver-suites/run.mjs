#!/usr/bin/env node
// Runs the drivers' own test suites twice, raw and with querycost swapped in (swap.cjs),
// and prints both counts side by side. Then each mocha test that failed in one mode only is
// run again alone in both modes, QC_RERUNS times each, and the counts are printed again with
// the tests that behave the same alone set apart (settle.mjs). Not part of `npm test`: the
// suites need their own checkouts (see README.md).
//
//   node integration/driver-suites/run.mjs [ioredis] [pg] [mysql2]
//     QC_IOREDIS_DIR, QC_PG_DIR, QC_MYSQL2_DIR   the checkouts (a suite without one is skipped)
//     QC_OUT                                     where logs go (default: a temp folder)
//     QC_RERUNS                                  runs alone per mode of each such test (default 3)
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { stripVTControlCharacters } from 'node:util'
import { grepFor, settle } from './settle.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '../..')
const out = process.env.QC_OUT ?? mkdtempSync(join(tmpdir(), 'qc-driver-suites-'))
const hasTime = existsSync('/usr/bin/time')
const reruns = Number(process.env.QC_RERUNS ?? 3)

/** Runs `cmd` in `cwd`, raw or swapped; returns its output, exit code and peak RSS (kB). */
function run(name, mode, cwd, cmd, args, env, swaps, timeoutS) {
  const log = join(out, `${name}-${mode}`)
  mkdirSync(log, { recursive: true })
  const stats = join(log, 'querycost.jsonl')
  const timeFile = join(log, 'time.txt')
  const childEnv = { ...process.env, ...env }
  if (mode === 'wrapped') {
    childEnv.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --require=${join(here, 'swap.cjs')}`.trim()
    childEnv.QC_ROOT = root
    childEnv.QC_SWAP = JSON.stringify(swaps)
    childEnv.QC_STATS = stats
  }
  const [c, a] = hasTime ? ['/usr/bin/time', ['-f', '%M', '-o', timeFile, 'timeout', String(timeoutS), cmd, ...args]] : [cmd, args]
  writeFileSync(join(log, 'command.json'), `${JSON.stringify({ cwd, cmd, args }, null, 1)}\n`)
  const res = spawnSync(c, a, { cwd, env: childEnv, encoding: 'utf8', maxBuffer: 1 << 28 })
  const text = `${res.stdout ?? ''}${res.stderr ?? ''}`
  writeFileSync(join(log, 'output.txt'), text)
  const peakKb = hasTime && existsSync(timeFile) ? Number(readFileSync(timeFile, 'utf8').trim().split('\n').pop()) : undefined
  let ops = 0
  if (existsSync(stats)) for (const line of readFileSync(stats, 'utf8').trim().split('\n')) if (line) ops += JSON.parse(line).ops
  return { text, code: res.status, peakKb, ops, log }
}

function mochaStats(file) {
  try {
    const { stats, failures } = JSON.parse(readFileSync(file, 'utf8'))
    return {
      pass: stats.passes,
      fail: stats.failures,
      pending: stats.pending,
      failed: failures.map((f) => f.fullTitle),
      failures: failures.map(({ fullTitle, file }) => ({ fullTitle, file })),
    }
  } catch {
    return { pass: 0, fail: 0, pending: 0, note: `no report (${file})` }
  }
}

let aloneRuns = 0 // numbers the runs of one test alone (their log folders)

/**
 * Runs mocha in `cwd` (`args`: its options and files) and reads its JSON report. The part it
 * returns can run one of its failed tests again alone (`--grep` on its full title), loading
 * the files `aloneArgs(failure)` gives; it returns 'pass', 'fail' or 'none' (no test matched).
 */
function mocha(part, name, mode, cwd, args, env, swaps, timeoutS, aloneArgs = () => args) {
  const reporter = (json) => ['mocha', '--reporter', 'json', '--reporter-option', `output=${json}`]
  const json = join(out, `${name}-${mode}.json`)
  const r = run(name, mode, cwd, 'npx', [...reporter(json), ...args], env, swaps, timeoutS)
  const rerun = (failure, m, i) => {
    const tag = `${name}-alone${++aloneRuns}.${i}`
    const json = join(out, `${tag}-${m}.json`)
    const grep = ['--grep', grepFor(failure.fullTitle)]
    run(tag, m, cwd, 'npx', [...reporter(json), ...grep, ...aloneArgs(failure)], env, swaps, Math.min(timeoutS, 300))
    const s = mochaStats(json)
    return s.fail > 0 || s.note ? 'fail' : s.pass > 0 ? 'pass' : 'none'
  }
  return { part, ...mochaStats(json), ...r, rerun }
}

const suites = {
  ioredis(dir, mode) {
    const lib = (f) => join(dir, 'lib', f)
    const swaps = [
      { file: lib('index.ts'), as: 'ioredis' },
      { file: lib('Redis.ts'), as: 'ioredis-class', main: lib('index.ts') },
      { file: lib('cluster/index.ts'), as: 'ioredis-cluster-class', main: lib('index.ts') },
    ]
    const env = { TS_NODE_TRANSPILE_ONLY: 'true', NODE_ENV: 'test' }
    const files = ['test/helpers/*.ts', 'test/unit/**/*.ts', 'test/functional/**/*.ts']
    // alone: the global hooks (test/helpers) and the test's own file (if mocha named it)
    const aloneFiles = (failure) => (failure.file ? ['test/helpers/*.ts', failure.file] : files)
    return [mocha('ioredis (mocha)', 'ioredis', mode, dir, files, env, swaps, 1500, aloneFiles)]
  },

  pg(dir, mode) {
    const pkgs = join(dir, 'packages')
    const swaps = [
      { file: join(pkgs, 'pg/lib/index.js'), as: 'pg' },
      { file: join(pkgs, 'pg/lib/client.js'), as: 'pg-client' },
      { file: join(pkgs, 'pg-pool/index.js'), as: 'pg-pool' },
    ]
    const env = {
      PGHOST: process.env.PGHOST ?? '127.0.0.1',
      PGUSER: process.env.PGUSER ?? 'postgres',
      PGDATABASE: process.env.PGDATABASE ?? 'test',
    }
    // pg's Makefile runs each *-tests.js file with node; a failing test ends its file.
    const pgDir = join(pkgs, 'pg')
    const files = []
    const walk = (d) => {
      for (const f of readdirSync(d)) {
        const p = join(d, f)
        if (statSync(p).isDirectory()) walk(p)
        else if (f.endsWith('-tests.js')) files.push(relative(pgDir, p))
      }
    }
    walk(join(pgDir, 'test/unit'))
    walk(join(pgDir, 'test/integration'))
    files.sort()
    const own = { pass: 0, fail: 0, pending: 0, ops: 0, peakKb: 0, failed: [] }
    for (const file of files) {
      const r = run(`pg-${file.replaceAll('/', '_')}`, mode, pgDir, 'node', [file, 'postgres://'], env, swaps, 120)
      own.pass += (r.text.match(/✔/g) ?? []).length
      own.pending += (r.text.match(/SKIPPED/g) ?? []).length
      if (r.code !== 0) {
        own.fail++
        own.failed.push(file)
      }
      own.ops += r.ops
      own.peakKb = Math.max(own.peakKb, r.peakKb ?? 0)
    }
    const parts = [{ part: 'pg (files: tests passed, files failed)', ...own }]
    for (const [name, extra] of [
      ['pg-pool', []],
      ['pg-cursor', []],
      ['pg-query-stream', ['-r', 'ts-node/register', 'test/**/*.ts']],
    ]) {
      parts.push(mocha(`${name} (mocha)`, name, mode, join(pkgs, name), extra, env, swaps, 600))
    }
    return parts
  },

  mysql2(dir, mode) {
    const swaps = [
      { file: join(dir, 'index.js'), as: 'mysql2' },
      { file: join(dir, 'promise.js'), as: 'mysql2' },
    ]
    const env = {
      MYSQL_HOST: process.env.MYSQL_HOST ?? '127.0.0.1',
      MYSQL_USER: process.env.MYSQL_USER ?? 'root',
      MYSQL_PASSWORD: process.env.MYSQL_PASSWORD ?? '',
      MYSQL_DATABASE: process.env.MYSQL_DATABASE ?? 'test',
      MYSQL_PORT: process.env.MYSQL_PORT ?? '3306',
      NO_COLOR: '1',
      FORCE_COLOR: '0',
    }
    const r = run('mysql2', mode, dir, 'npx', ['poku'], env, swaps, 1800)
    // poku 4's compact reporter (colours even with NO_COLOR): one " PASS  file" / " FAIL  file"
    // line per test file, then "PASS › n  FAIL › n  SKIP › n" for each suite it ran.
    const text = stripVTControlCharacters(r.text)
    const sum = (label) => [...text.matchAll(new RegExp(`${label} › (\\d+)`, 'g'))].reduce((n, m) => n + Number(m[1]), 0)
    const failed = [...new Set([...text.matchAll(/^\s*FAIL\s+(test\/\S+)/gm)].map((m) => m[1]))]
    return [{ part: 'mysql2 (poku: files)', pass: sum('PASS'), fail: sum('FAIL'), pending: sum('SKIP'), failed, ...r }]
  },
}

const dirs = { ioredis: process.env.QC_IOREDIS_DIR, pg: process.env.QC_PG_DIR, mysql2: process.env.QC_MYSQL2_DIR }
const chosen = process.argv.slice(2).length > 0 ? process.argv.slice(2) : Object.keys(suites)
const rows = []
for (const name of chosen) {
  if (!(name in suites)) throw new Error(`unknown suite ${name}: use ioredis, pg or mysql2`)
  if (!dirs[name]) {
    console.log(`${name}: skipped (set QC_${name.toUpperCase()}_DIR to its checkout, see integration/driver-suites/README.md)`)
    continue
  }
  console.log(`${name}: raw…`)
  const raw = suites[name](dirs[name], 'raw')
  console.log(`${name}: wrapped…`)
  const wrapped = suites[name](dirs[name], 'wrapped')
  for (const [i, r] of raw.entries()) {
    if (r.rerun) console.log(`${name}: the tests that failed in one mode only, alone…`)
    rows.push([r, wrapped[i], settle(r, wrapped[i], r.rerun ? reruns : 0)])
  }
}

const cell = (r) => `${r.pass} / ${r.fail} / ${r.pending}`
const mb = (r) => (r.peakKb ? `${Math.round(r.peakKb / 1024)} MB` : '?')
console.log(`\nlogs: ${out}\n`)
console.log('| suite | raw pass / fail / pending | wrapped pass / fail / pending | ops querycost counted | peak RSS raw / wrapped |')
console.log('| --- | --- | --- | --- | --- |')
for (const [r, w] of rows) console.log(`| ${r.part} | ${cell(r)} | ${cell(w)} | ${w.ops} | ${mb(r)} / ${mb(w)} |`)
for (const [r, w] of rows) {
  const only = (w.failed ?? []).filter((f) => !(r.failed ?? []).includes(f))
  if (only.length > 0) console.log(`${w.part}: failing only wrapped: ${only.join(', ')}`)
  const onlyRaw = (r.failed ?? []).filter((f) => !(w.failed ?? []).includes(f))
  if (onlyRaw.length > 0) console.log(`${r.part}: failing only raw: ${onlyRaw.join(', ')}`)
  const both = (w.failed ?? []).filter((f) => (r.failed ?? []).includes(f))
  if (both.length > 0) console.log(`${r.part}: failing raw and wrapped: ${both.join(', ')}`)
}

console.log(`\nEach test that failed in one mode only, run alone ${reruns} times raw and ${reruns} times wrapped:\n`)
for (const [r, , s] of rows) {
  for (const t of s.tests) console.log(`- ${r.part}: "${t.fullTitle}" (failed only ${t.failedIn} in the full run): ${t.verdict}`)
}
if (rows.every(([, , s]) => s.tests.length === 0)) console.log('(none)')
console.log('\nThe counts with the tests that behave the same alone in both modes set apart:\n')
console.log('| suite | raw pass / fail / pending | wrapped pass / fail / pending | set apart | raw and wrapped equal |')
console.log('| --- | --- | --- | --- | --- |')
for (const [r, , s] of rows) {
  const apart = s.tests.filter((t) => t.setApart).length
  console.log(`| ${r.part} | ${cell(s.raw)} | ${cell(s.wrapped)} | ${apart} | ${s.equal ? 'yes' : '**no**'} |`)
}
