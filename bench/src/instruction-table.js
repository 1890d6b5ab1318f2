// The instruction counts of instructions.js as a budget verdict: the table of
// INSTRUCTIONS.md, and the summary RESULTS.md repeats next to the CPU-time verdict.
import { budgetFor, fmt, markdown } from './table.js'

const n = (x) => x.toLocaleString('en-US')

/** OpenTelemetry's added instructions over querycost's ("—" when either was not measured, or querycost added none). */
export function otelRatio(s) {
  if (s.otelAdded === undefined) return '—'
  if (s.added <= 0) return 'querycost adds none'
  return `${(s.otelAdded / s.added).toFixed(1)}×`
}

/**
 * The raw client's CPU per operation at which querycost's added instructions would just
 * reach the budget: the conversion's one machine-dependent input, so the verdict holds
 * on any machine, or day, where raw runs faster than this.
 */
function breakEven(s, budget) {
  return s.added <= 0 ? '∞' : ((budget * s.raw) / s.added).toFixed(2)
}

/** A shape's verdict: added µs at the raw rate within budget, and at least ten times less than OpenTelemetry. */
export function instructionVerdict(s, budget) {
  const fails = `${s.addedMicros <= budget ? '' : ' (budget)'}${s.added <= 0 || s.otelAdded === undefined || s.otelAdded >= 10 * s.added ? '' : ' (< 10x OTel)'}`
  return fails ? `FAIL${fails}` : 'pass'
}

/** INSTRUCTIONS.md's table for one run of instructions.js. */
export function instructionTable(result) {
  const budget = budgetFor(result.node)
  return markdown(
    [
      'shape (in process)',
      'raw instr/op',
      'querycost instr/op',
      'added instr/op',
      'added',
      'raw CPU µs/op',
      'added µs/op at raw rate',
      `raw µs/op at which the added reach ${budget} µs`,
      'OpenTelemetry added instr/op',
      'OpenTelemetry ÷ querycost',
      'verdict at raw rate (a lower bound)',
    ],
    result.shapes.map((s) => [
      s.shape,
      n(s.raw),
      n(s.querycost),
      n(s.added),
      `${((s.added / s.raw) * 100).toFixed(1)}%`,
      s.rawMicros.toFixed(2),
      s.addedMicros.toFixed(2),
      breakEven(s, budget),
      s.otelAdded === undefined ? '—' : n(s.otelAdded),
      otelRatio(s),
      instructionVerdict(s, budget),
    ]),
  )
}

/** RESULTS.md's summary of the same run, for the Node section it belongs to. */
export function instructionSummary(result) {
  const budget = budgetFor(result.node)
  return markdown(
    [
      'shape (in process)',
      'added instr/op',
      'added µs/op at raw rate (raw µs/op)',
      `break-even raw µs/op`,
      'OTel ÷ querycost',
      'verdict at raw rate (a lower bound)',
    ],
    result.shapes.map((s) => [
      s.shape,
      n(s.added),
      `${fmt(s.addedMicros)} (${s.rawMicros.toFixed(2)})`,
      breakEven(s, budget),
      otelRatio(s),
      instructionVerdict(s, budget),
    ]),
  )
}
