// The instruction counts of instructions.js as a budget verdict: the table of
// INSTRUCTIONS.md, and the summary RESULTS.md repeats next to the CPU-time verdict.
import { readRuns } from './runs.js'
import { budgetFor, fmt, markdown } from './table.js'

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
 * The raw client's CPU per operation at which querycost's added instructions would just
 * reach the budget, if they ran at the driver's rate (they do not: a lower bound).
 */
function breakEven(s, budget) {
  return s.added <= 0 ? '∞' : ((budget * s.raw) / s.added).toFixed(2)
}

/** A shape's verdict: added µs at the raw rate within budget, and at least ten times less than OpenTelemetry. */
function instructionVerdict(s, budget) {
  const fails = `${s.addedMicros <= budget ? '' : ' (budget)'}${s.added <= 0 || s.otelAdded === undefined || s.otelAdded >= 10 * s.added ? '' : ' (< 10x OTel)'}`
  return fails ? `FAIL${fails}` : 'pass'
}

// Each column: its header (for this run's budget), its cell, and whether RESULTS.md's
// summary shows it too.
const COLUMNS = [
  ['shape (in process)', (s) => s.shape, true],
  ['raw instr/op', (s) => n(s.raw), false],
  ['querycost instr/op', (s) => n(s.querycost), false],
  ['added instr/op', (s) => n(s.added), true],
  ['added', (s) => `${((s.added / s.raw) * 100).toFixed(1)}%`, false],
  ['raw CPU µs/op', (s) => s.rawMicros.toFixed(2), true],
  ['added µs/op at raw rate', (s) => fmt(s.addedMicros), true],
  [(budget) => `raw µs/op at which the added reach ${budget} µs`, breakEven, true],
  ['OpenTelemetry added instr/op', (s) => (s.otelAdded === undefined ? '—' : n(s.otelAdded)), false],
  ['OpenTelemetry ÷ querycost', otelRatio, true],
  ['verdict at raw rate (a lower bound)', instructionVerdict, true],
]

function table(result, columns) {
  const budget = budgetFor(result.node)
  return markdown(
    columns.map(([header]) => (typeof header === 'function' ? header(budget) : header)),
    result.shapes.map((s) => columns.map(([, cell]) => cell(s, budget))),
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
