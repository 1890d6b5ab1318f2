// Instructions per operation, counted by valgrind: the in-process saturated shapes
// (src/inproc/workload.js), raw, through querycost and under OpenTelemetry, each run at two sizes under
// `valgrind --tool=cachegrind --cache-sim=no` with `node --predictable --expose-gc
// --initial-old-space-size=1024`: no concurrent compiler or GC threads, fixed seeds, and
// an old generation large enough that no major GC starts on its own (V8 sizes the heap
// from measured GC speed, which valgrind distorts); a full collection before and after
// the measured run (src/inproc/workload.js) makes each run pay for what it promoted, at the
// same point every time. The difference between the two sizes divided by
// the difference in operations is the per-operation count: start-up, warm-up, JIT
// compilation and the reports at the end cancel out. The same code and sizes give the
// same count to about ±200 instructions per operation whatever else the machine does,
// where CPU time on a busy 2-vCPU VM drifts by 10–35%.
//
//   npm run bench:instructions -w @querycost/bench     (about 15 minutes per Node)
//   BENCH_INSTR_SHAPES=pg-pipeline,ioredis BENCH_INSTR_VARIANTS=raw,querycost BENCH_INSTR_OPS=20000,40000 node instructions.js
//   node instructions.js --rates      (the raw clients' CPU rates again, nothing else running; minutes)
//
// Writes instructions/instructions-node<major>.json (kept in the repository: the counts move
// far less with the machine than CPU time does) and regenerates INSTRUCTIONS.md from every
// such file present.
import { execFile } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { promisify } from 'node:util'
import { countsFile, instructionTable, loadCounts, otelRatio } from './src/instruction-table.js'
import { underValgrind } from './src/valgrind.js'

const run = promisify(execFile)
const TARGET = new URL('./INSTRUCTIONS.md', import.meta.url)
const WORKLOAD = new URL('./src/inproc/workload.js', import.meta.url).pathname
const ALL_SHAPES = 'pg-pipeline,pg-pool,pg-literals,mysql2,ioredis'
const SHAPES = (process.env.BENCH_INSTR_SHAPES ?? ALL_SHAPES).split(',')
// 80,000 operations apart: a run's young-generation collections come in whole numbers,
// so the difference of two runs can be one collection off, whose cost is spread over the
// operations between the sizes. 40,000 apart, that put the same code (mysql2 on Node 24)
// at 94,955 or 95,630 instructions per operation depending only on where the collections
// fell (a warm-up of 81,000 or 79,000 operations, or another checkout directory).
const [SMALL, LARGE] = (process.env.BENCH_INSTR_OPS ?? '20000,100000').split(',').map(Number)
// Operations before the measured ones. 20,000 was too few: V8 was still deciding what to
// pretenure and tier up, and mysql2 on Node 24 read 86,286 raw and 93,507 through
// querycost; after 80,000 (and 160,000: within 100 of these) 92,277 and 94,462.
const WARMUP = Number(process.env.BENCH_INSTR_WARMUP ?? 80000)
const VARIANTS = (process.env.BENCH_INSTR_VARIANTS ?? 'raw,querycost,otel').split(',')
// A partial run (BENCH_INSTR_SHAPES or BENCH_INSTR_VARIANTS) replaces only what it counted
// in this Node's kept file; the file lists the partial runs, and each re-counted shape says
// when, and at which sizes when they are not the file's (a shape's variants are never
// counted at two different sizes).
const partial = process.env.BENCH_INSTR_SHAPES !== undefined || process.env.BENCH_INSTR_VARIANTS !== undefined

/** This Node's kept counts, for a partial run to merge into (none when nothing was kept). */
function keptCounts() {
  let kept
  try {
    kept = JSON.parse(readFileSync(RESULT_FILE, 'utf8'))
  } catch {
    return undefined
  }
  if (kept.node.split('.')[0] !== process.version.split('.')[0]) throw new Error(`${RESULT_FILE.pathname} holds ${kept.node}`)
  return kept
}

/** Instructions of one whole run of the workload (`n` measured operations after a fixed warm-up). */
async function count(shape, variant, n) {
  const stderr = await underValgrind(['--tool=cachegrind', '--cache-sim=no', '--cachegrind-out-file=/dev/null'], shape, variant, n, WARMUP)
  const match = /I\s+refs:\s+([\d,]+)/.exec(stderr)
  if (!match) throw new Error(`valgrind printed no instruction count for ${shape} ${variant} ${n}:\n${stderr.slice(-500)}`)
  return Number(match[1].replaceAll(',', ''))
}

/**
 * Native CPU µs per operation of the raw workload, the least of five runs: the scale for
 * the conversion. The instruction counts are free of interference, so the rate they are
 * converted at should be too: on this VM the same run reads up to 45% more CPU when a
 * neighbour is busy (pg Pool on Node 24: 5.87, then 8.56 µs/op), and the median of three
 * still moved the converted figures by a third.
 */
async function rawMicros(shape) {
  const figures = []
  for (let i = 0; i < 5; i++) {
    const { stdout } = await run(process.execPath, [WORKLOAD, shape, 'raw', '200000'])
    figures.push(Number(/([\d.]+) µs CPU\/op/.exec(stdout)[1]))
  }
  return Math.min(...figures)
}

/** Sets the µs figures of a shape's result from the raw client's CPU per operation, `micros`. */
function atRate(s, micros) {
  s.rawMicros = micros
  s.addedMicros = (s.added * micros) / s.raw
  return s
}

/**
 * A shape's counts per operation for `VARIANTS`; with `kept` (the shape's entry in this
 * Node's file, in a partial run), the variants not counted again keep their counts.
 */
async function measureShape(shape, kept, fileSizes) {
  const sizes = `${[SMALL, LARGE]} after ${WARMUP}`
  const keptSizes = kept === undefined ? undefined : (kept.sizes ?? fileSizes)
  const mixed = keptSizes !== undefined && keptSizes !== sizes && !['raw', 'querycost', 'otel'].every((v) => VARIANTS.includes(v))
  if (mixed)
    throw new Error(`${shape}: its kept counts were made at ${keptSizes}; count all three variants at ${sizes}, or use those sizes`)
  const perOp = kept ? { raw: kept.raw, querycost: kept.querycost, otel: kept.otel } : {}
  for (const variant of VARIANTS) {
    const [small, large] = await Promise.all([count(shape, variant, SMALL), count(shape, variant, LARGE)])
    perOp[variant] = Math.round((large - small) / (LARGE - SMALL))
    console.log(`  ${shape} ${variant}: ${perOp[variant]} instructions per operation (${new Date().toISOString()})`)
  }
  if (perOp.raw === undefined || perOp.querycost === undefined)
    throw new Error(`${shape}: raw and querycost must both be counted (none kept)`)
  const added = perOp.querycost - perOp.raw
  const otelAdded = perOp.otel === undefined ? undefined : perOp.otel - perOp.raw
  const s = { shape, raw: perOp.raw, querycost: perOp.querycost, added, rawMicros: 0, addedMicros: 0, otel: perOp.otel, otelAdded }
  // Counted at other sizes than the file's: said so in INSTRUCTIONS.md.
  if (fileSizes !== undefined && sizes !== fileSizes) s.sizes = sizes
  return atRate(s, await rawMicros(shape))
}

function writeMarkdown() {
  const runs = loadCounts()
  if (runs.length === 0) return console.error('no instructions/instructions-node*.json: INSTRUCTIONS.md left as it is')
  const lines = [
    '# Instructions per operation',
    '',
    'Generated by `instructions.js`: each in-process shape (`src/inproc/workload.js`, 2000 in flight, each worker its own context), raw, through querycost and under OpenTelemetry (the driver’s contrib instrumentation, the SDK with a batch processor and an exporter that drops spans, each worker under a parent span, spans flushed inside the measured run), counted by `valgrind --tool=cachegrind` under `node --predictable --expose-gc --initial-old-space-size=1024` (a full collection before and after the measured run) at two sizes; the difference divided by the difference in operations. Repeat runs agree to a few hundred instructions per operation, whatever else the machine does: the young-generation collections of a run come in whole numbers, so two runs can differ by one, spread over the 80,000 operations between the sizes. The budget (docs/behaviour.md, "Cost") is a pair of ratios: querycost adds at most 10% of the raw driver’s own instructions per operation, and at most a tenth of what OpenTelemetry adds. Instructions are not CPU time: querycost’s allocations cost the young-generation collector more per instruction than the driver’s work (natively, Node 20 mysql2 once took 17% more CPU through querycost for 1.4% more instructions, 2026-11-25), so RESULTS.md’s paired CPU figures stay the measure of what a user pays.',
    '',
  ]
  for (const r of runs) {
    const at = r.commit ? ` at commit ${r.commit}` : ''
    lines.push(
      `## Node ${r.node}`,
      '',
      `Run ${r.startedAt}${at}; sizes ${r.sizes.join(' and ')} operations after a ${(r.warmup ?? 20000).toLocaleString('en-US')}-operation warm-up${r.ratesAt ? `; raw CPU rates measured again ${r.ratesAt}` : ''}.`,
      ...(r.partial
        ? [
            '',
            `Counted again since (a partial run replaces what it counted): ${r.shapes
              .filter((s) => s.countedAt)
              .map((s) => `${s.shape} ${s.countedAt}`)
              .join('; ')}.`,
          ]
        : []),
      '',
      instructionTable(r),
      '',
    )
  }
  writeFileSync(TARGET, `${lines.join('\n')}`)
}

if (process.argv[2] === '--markdown') {
  writeMarkdown() // regenerate INSTRUCTIONS.md from the kept counts only
  process.exit(0)
}
const RESULT_FILE = countsFile(process.versions.node.split('.')[0])
if (process.argv[2] === '--rates') {
  // Only the conversion to µs again (this Node's kept file): the counts move little with
  // the machine, the raw client's rate a lot, and a busy neighbour during the long run
  // inflates it.
  const result = JSON.parse(readFileSync(RESULT_FILE, 'utf8'))
  for (const s of result.shapes) {
    atRate(s, await rawMicros(s.shape))
    console.log(`${s.shape}: raw ${s.rawMicros.toFixed(2)} µs/op; added ${s.added} instr/op → ${s.addedMicros.toFixed(2)} µs`)
  }
  result.ratesAt = new Date().toISOString()
  writeFileSync(RESULT_FILE, `${JSON.stringify(result, null, 2)}\n`)
  writeMarkdown()
  process.exit(0)
}
try {
  await run('valgrind', ['--version'])
} catch {
  console.error('instructions.js needs valgrind on PATH (Debian: apt-get install valgrind)')
  process.exit(2)
}
mkdirSync(new URL('.', RESULT_FILE), { recursive: true })
const commit = await run('git', ['rev-parse', '--short', 'HEAD']).then(
  (r) => r.stdout.trim(),
  () => undefined,
)
const startedAt = new Date().toISOString()
const kept = partial ? keptCounts() : undefined
const result = kept ?? { node: process.version, startedAt, commit, sizes: [SMALL, LARGE], warmup: WARMUP, shapes: [] }
for (const shape of SHAPES) {
  const s = await measureShape(
    shape,
    kept?.shapes.find((k) => k.shape === shape),
    kept && `${kept.sizes} after ${kept.warmup ?? 20000}`,
  )
  console.log(
    `${shape}: raw ${s.raw}, querycost ${s.querycost}, added ${s.added} instr/op (${s.addedMicros.toFixed(2)} µs at raw's ${s.rawMicros.toFixed(2)} µs/op); OpenTelemetry added ${s.otelAdded ?? '—'} (${otelRatio(s)})`,
  )
  if (kept)
    s.countedAt = `${startedAt}${commit ? ` at commit ${commit}` : ''} (${VARIANTS.join(', ')}${s.sizes ? `; sizes ${s.sizes.replace(',', ' and ')}` : ''})`
  const at = result.shapes.findIndex((k) => k.shape === shape)
  if (at === -1) result.shapes.push(s)
  else result.shapes[at] = s
}
if (kept) {
  const order = ALL_SHAPES.split(',')
  result.shapes.sort((a, b) => order.indexOf(a.shape) - order.indexOf(b.shape))
  result.partial = [...(result.partial ?? []), `${startedAt}: ${SHAPES.join(',')} (${VARIANTS.join(', ')})`]
}
writeFileSync(RESULT_FILE, `${JSON.stringify(result, null, 2)}\n`)
writeMarkdown()
