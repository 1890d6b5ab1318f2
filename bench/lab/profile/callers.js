// Who calls a V8 builtin, and how often, in one in-process shape: runs the shape under
// `valgrind --tool=callgrind` with V8's perf map naming the JIT code (20,000 operations
// after 40,000; about 5 minutes), then lists the callers of `builtin` by the
// instructions spent in it for them (inclusive), with the number of calls.
//   node profile/callers.js <pg-pool|pg-pipeline|mysql2|ioredis> [raw|querycost] [builtin=Builtins_LoadIC]
// A generic property load (Builtins_LoadIC) called from optimized code (`*name`) is an
// object V8 keeps in dictionary mode or a load site it has no feedback for: how the
// mysql2 pool config's accessor was found (2026-12-08, NOTES.md). Run it on two builds
// (a worktree of the older commit) and compare.
import { readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { underValgrind } from '../../src/valgrind.js'
import { perfMap } from './perf-map.js'

const [shape = 'mysql2', variant = 'querycost', builtin = 'Builtins_LoadIC'] = process.argv.slice(2)
const N = 20000
const out = join(tmpdir(), `qc-callers-${shape}-${variant}.%p`)
const stderr = await underValgrind(['--tool=callgrind', `--callgrind-out-file=${out}`], shape, variant, N, 40000, ['--perf-basic-prof'])
const pid = /==(\d+)==/.exec(stderr)?.[1]
if (pid === undefined) throw new Error(`valgrind printed no pid:\n${stderr.slice(-500)}`)
const file = out.replace('%p', pid)
const map = `/tmp/perf-${pid}.map`

const lookup = perfMap(map)
/** `JS:*name file:line:col` for a JIT address (`*` optimized, `^` baseline, `~` interpreted). */
const nameOf = (address) => lookup(address)?.replace(/ (file:\/\/)?\/\S*\/(node_modules\/)?/, ' ') ?? 'JIT (unnamed)'
const names = new Map()
function named(line, prefix) {
  const m = new RegExp(`^${prefix}=\\((\\d+)\\)(?: (.*))?$`).exec(line)
  if (m[2] !== undefined) names.set(m[1], m[2])
  const raw = names.get(m[1]).replace(/'\d+$/, '')
  return /^0x[0-9a-f]+$/.test(raw) ? nameOf(Number.parseInt(raw, 16)) : raw
}

const byCaller = new Map()
let fn
let cfn
let calls = -1
for (const line of readFileSync(file, 'utf8').split('\n')) {
  if (line.startsWith('fn=')) fn = named(line, 'fn')
  else if (line.startsWith('cfn=')) cfn = named(line, 'cfn')
  else if (line.startsWith('calls=')) calls = Number(line.slice(6).split(' ')[0])
  else if (calls >= 0 && /^[\d+\-*]/.test(line)) {
    if (cfn === builtin) {
      const sum = byCaller.get(fn) ?? { calls: 0, ir: 0 }
      sum.calls += calls
      sum.ir += Number(line.split(' ')[1])
      byCaller.set(fn, sum)
    }
    calls = -1
  }
}
rmSync(file, { force: true })
rmSync(map, { force: true })
const ops = N + 40000
console.log(`${shape} ${variant}: callers of ${builtin}, per operation over the whole run (${ops} operations, warm-up included)`)
console.log('  calls/op    instr/op  caller')
for (const [caller, { calls: c, ir }] of [...byCaller].sort((a, b) => b[1].ir - a[1].ir).slice(0, 25)) {
  console.log(`${(c / ops).toFixed(2).padStart(10)} ${(ir / ops).toFixed(0).padStart(11)}  ${caller.slice(0, 110)}`)
}
