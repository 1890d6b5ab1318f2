// Regenerates RESULTS.md from every out/results-node<major>.json present (one per
// Node major, written by run.js), with the instruction counts kept in instructions/ for
// the same Node majors. Run alone with `npm run results -w @querycost/bench`.
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { countsFile, instructionSummary } from './src/instruction-table.js'
import { readRuns } from './src/runs.js'
import { sqlTables } from './src/sql-table.js'
import { driverLabel, driverTable, e2eTable, microTable, verdicts, verdictTable } from './src/table.js'

const OUT = new URL('./out/', import.meta.url)
const TARGET = new URL('./RESULTS.md', import.meta.url)

function load() {
  return readRuns(OUT, 'results')
}

/** The instruction counts (instructions.js) for the Node major of `node`, if they were counted. */
function instructionsFor(node) {
  try {
    return JSON.parse(readFileSync(countsFile(node.slice(1).split('.')[0]), 'utf8'))
  } catch {
    return undefined
  }
}

/** `; pg-literals counted 2026-12-07T… at commit …`: the shapes a partial run of instructions.js counted again. */
function recounted(instructions) {
  return instructions.shapes
    .filter((s) => s.countedAt)
    .map((s) => `; ${s.shape} counted ${s.countedAt}`)
    .join('')
}

/** `saturated 10,930 (OpenTelemetry's 19,835)`: how many operations each shape's rounds had. */
function roundSizes(d) {
  const sizes = d.results.map((r) => {
    const otel = r.variants.otel && r.heavyOps ? ` (OpenTelemetry's ${r.heavyOps.toLocaleString('en-US')})` : ''
    return `${r.shape} ${r.opsPerRound.toLocaleString('en-US')}${otel}`
  })
  return `Operations per round: ${sizes.join('; ')}.`
}

function driverSection(lines, d) {
  lines.push(driverTable(d), '', roundSizes(d), '')
  if (d.note) lines.push(`> ${d.note}`, '')
  for (const r of d.results) for (const p of r.problems) lines.push(`> problem, ${driverLabel(d)} ${r.shape}: ${p}`, '')
}

function section(run) {
  const m = run.machine
  const c = run.config
  const lines = [
    `## Node ${run.node}`,
    '',
    `Run ${run.startedAt} on ${m.cpu} (${m.cores} cores, ${m.memoryGb} GB), ${m.os}; load average ${m.loadavg.join(' ')} at start, ${(m.loadavgEnd ?? []).join(' ')} at end; ${run.wallSeconds?.toFixed(0)} s.`,
    ...(run.partial ? [`Parts re-run since (BENCH_ONLY): ${run.partial.join('; ')}.`] : []),
    `${c.quick ? '**Quick smoke run (BENCH_QUICK=1): not for conclusions.** ' : ''}${c.rounds} interleaved rounds of ~${c.roundMs} ms per variant, ${c.concurrency} in flight in saturated shapes${c.inProcessRounds ? `; in process, ${c.inProcessRounds} rounds of ~${c.inProcessRoundMs} ms` : ''}.`,
    '',
    `Versions: ${Object.entries(m.versions)
      .filter(([, v]) => v)
      .map(([p, v]) => `${p} ${v}`)
      .join(', ')}.`,
    '',
  ]
  // From the stored samples, so a change to how verdicts are judged applies to every run kept in out/.
  const v = verdicts(run)
  if (v.length > 0) lines.push('### Budget verdict (saturated shapes)', '', verdictTable(v), '')
  const instructions = instructionsFor(run.node)
  if (instructions) {
    lines.push(
      '### Budget verdict by instruction count (INSTRUCTIONS.md)',
      '',
      `The in-process shapes counted under valgrind (\`instructions.js\`, ${instructions.node}, run ${instructions.startedAt}${instructions.commit ? ` at commit ${instructions.commit}` : ''}${recounted(instructions)}): counts that repeat to a few hundred instructions whatever the machine does, the repeatable gate. Instructions are not CPU time (allocation costs more per instruction than the driver's own work): the paired CPU verdict above is what a user pays.`,
      '',
      instructionSummary(instructions),
      '',
    )
  }
  if (run.drivers.length > 0) lines.push('### Drivers: median client CPU per operation', '')
  for (const d of run.drivers) driverSection(lines, d)
  if (run.inProcess?.length > 0) {
    lines.push('### In process: the same drivers against a server in the bench process (no socket, no database process)', '')
    for (const d of run.inProcess) driverSection(lines, d)
  }
  if (run.e2e) {
    lines.push(
      `### End to end: Express, 3 SQL + 2 Redis per request (${run.e2e.connections} connections, ${run.e2e.rounds} rounds of ${run.e2e.ms / 1000} s)`,
      '',
      e2eTable(run.e2e),
      '',
    )
    for (const p of run.e2e.problems) lines.push(`> problem, e2e: ${p}`, '')
  }
  if (run.micro) lines.push('### Micro: hot paths, no database', '', microTable(run.micro), '')
  if (run.sql)
    lines.push(
      '### SQL analysis: a statement the cache has not seen, against a bare scan of its characters (`sql.js`)',
      '',
      "A literal miss is a text whose values the cache has not seen (its shape it has); a shape miss, a statement never seen. `× bare scan`: the call's CPU over a plain `for` loop reading the same string's characters, in the same run.",
      '',
      sqlTables(run.sql),
      '',
    )
  for (const n of run.notes) lines.push(`> ${n.split('\n')[0]}`, '')
  return lines.join('\n')
}

/**
 * Writes RESULTS.md; returns its path, or undefined when out/ holds no run: out/ is not
 * kept in the repository, so a fresh checkout has none, and RESULTS.md stays as committed.
 */
export function writeResults() {
  const runs = load()
  if (runs.length === 0) return undefined
  const text = [
    '# querycost benchmark results',
    '',
    'Generated by `bench/results.js` from `bench/out/results-node*.json`; do not edit by hand.',
    'How to read it: bench/README.md. Budget (docs/behaviour.md, "Cost"): per operation at saturation, querycost adds at most',
    "10% of the raw driver's own CPU and at most a tenth of what OpenTelemetry adds, both measured in the same run.",
    'Instructions per operation, counted under valgrind, are in INSTRUCTIONS.md: a lower bound of the CPU, as bench/README.md explains.',
    '',
    ...runs.map(section),
  ].join('\n')
  writeFileSync(TARGET, text)
  return fileURLToPath(TARGET)
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const written = writeResults()
  console.log(written ? `regenerated ${written}` : 'no out/results-node*.json (run `npm run bench`): RESULTS.md left as it is')
}
