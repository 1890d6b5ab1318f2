// The instruction counts of instructions.js as a budget verdict: the table of
// INSTRUCTIONS.md, and the summary RESULTS.md repeats next to the CPU-time verdict.
import { readRuns } from './runs.js'
import { BUDGET_OF_OTEL, BUDGET_OF_RAW, markdown } from './table.js'

const n = (x) => x.toLocaleString('en-US')

// The counts are kept in the repository, not in out/: they move far less with the machine
// than CPU time does (bench/README.md) and take about 40 minutes of valgrind to make again,
// so a fresh checkout's RESULTS.md carries them too.
const COUNTS = new URL('../instructions/', import.meta.url)

/** Where instructions.js keeps the counts of a Node major (`20`). */
export function countsFile(major) {
  return new URL(`instructions-node${major}.json`, COUNTS)
}

/** The counts kept for every Node major, lowest first; none when nothing was counted. */
export function loadCounts() {
  return readRuns(COUNTS, 'instructions')
}

/** OpenTelemetry's added instructions over querycost's ("—" when either was not measured, or querycost added none). */
export function otelRatio(s) {
  if (s.otelAdded === undefined) return '—'
  if (s.added <= 0) return 'querycost adds none'
  return `${(s.otelAdded / s.added).toFixed(1)}×`
}

/**
 * A shape's verdict against the budget: querycost adds at most a tenth of raw's own
 * instructions, and at most a tenth of what OpenTelemetry adds.
 */
function instructionVerdict(s) {
  const overRaw = s.added > BUDGET_OF_RAW * s.raw ? ' (> 10% of raw)' : ''
  const overOtel = s.added > 0 && s.otelAdded !== undefined && s.added > BUDGET_OF_OTEL * s.otelAdded ? ' (> a tenth of OTel)' : ''
  return overRaw || overOtel ? `FAIL${overRaw}${overOtel}` : s.otelAdded === undefined ? 'pass (OTel not counted)' : 'pass'
}

const percentOfRaw = (s, added) => (added === undefined ? '—' : `${((added / s.raw) * 100).toFixed(1)}%`)

// Each column: its header, its cell, and whether RESULTS.md's summary shows it too.
const COLUMNS = [
  ['shape (in process)', (s) => s.shape, true],
  ['raw instr/op', (s) => n(s.raw), true],
  ['querycost instr/op', (s) => n(s.querycost), false],
  ['querycost added instr/op', (s) => n(s.added), true],
  ['querycost added ÷ raw', (s) => percentOfRaw(s, s.added), true],
  ['OpenTelemetry added instr/op', (s) => (s.otelAdded === undefined ? '—' : n(s.otelAdded)), true],
  ['OpenTelemetry added ÷ raw', (s) => percentOfRaw(s, s.otelAdded), false],
  ['OpenTelemetry ÷ querycost', otelRatio, true],
  ['verdict (≤ 10% of raw, ≤ a tenth of OTel)', instructionVerdict, true],
]

function table(result, columns) {
  return markdown(
    columns.map(([header]) => header),
    result.shapes.map((s) => columns.map(([, cell]) => cell(s))),
  )
}

/** INSTRUCTIONS.md's table for one run of instructions.js. */
export function instructionTable(result) {
  return table(result, COLUMNS)
}

/** RESULTS.md's summary of the same run, for the Node section it belongs to. */
export function instructionSummary(result) {
  return table(
    result,
    COLUMNS.filter(([, , inSummary]) => inSummary),
  )
}
