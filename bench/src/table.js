/** Plain-text and Markdown tables for the console and RESULTS.md. */
import { medianInterval } from './stats.js'
import { CONTROL_NS } from './variants.js'

const fmt = (value, digits = 2) => (value === undefined || Number.isNaN(value) ? '—' : value.toFixed(digits))

/** Rows of a driver result: variant, CPU µs/op, ratio to raw, added µs/op, ops/s, spread. */
export function driverRows(result) {
  const rows = []
  for (const r of result.results) {
    const raw = r.variants.raw
    for (const [name, v] of Object.entries(r.variants)) {
      rows.push({
        shape: r.shape,
        detail: r.detail,
        variant: name,
        cpuUs: v.cpuUs,
        // A heavy variant (OpenTelemetry) against raw's figure from its own rounds.
        ratio: v.cpuUs / (v.rawCpuUs ?? raw.cpuUs),
        addedUs: name === 'raw' ? undefined : v.cpuUs - (v.rawCpuUs ?? raw.cpuUs),
        opsPerSec: v.opsPerSec,
        spread: v.spread,
      })
    }
  }
  return rows
}

/** A Markdown table (also readable as plain text). */
export function markdown(header, rows) {
  const lines = [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`]
  for (const row of rows) lines.push(`| ${row.join(' | ')} |`)
  return lines.join('\n')
}

export function driverTable(result) {
  return markdown(
    ['driver', 'shape', 'variant', 'CPU µs/op', 'x raw', 'added µs/op', 'ops/s', 'spread'],
    driverRows(result).map((r) => [
      driverLabel(result),
      r.shape,
      r.variant,
      fmt(r.cpuUs),
      fmt(r.ratio),
      fmt(r.addedUs),
      Math.round(r.opsPerSec).toLocaleString('en-US'),
      `${fmt(r.spread * 100, 0)}%`,
    ]),
  )
}

export function printDriver(result, log) {
  log('')
  log(driverTable(result))
  for (const r of result.results) for (const p of r.problems) log(`  ! ${result.driver} ${r.shape}: ${p}`)
  log('')
}

export { fmt }

/**
 * The budget (docs/behaviour.md, "Cost"), as ratios measured in one run: querycost adds at
 * most a tenth of the raw driver's own CPU per operation, and at most a tenth of what
 * OpenTelemetry adds to the same driver.
 */
export const BUDGET_OF_RAW = 0.1
export const BUDGET_OF_OTEL = 0.1

/**
 * The paired figure of a variant: the median over rounds of (variant − raw) in the same
 * round, which cancels the drift a loaded machine adds between rounds, with its 95%
 * interval (see {@link medianInterval}).
 */
export function paired(samples, rawSamples) {
  return medianInterval(samples.map((s, i) => s - rawSamples[i]))
}

/** The driver results of a run: the loopback ones, then the in-process ones. */
export function allDrivers(run) {
  return [...run.drivers, ...(run.inProcess ?? [])]
}

/** A driver result's label: `pg`, or `pg (in process)`. */
export function driverLabel(d) {
  return d.transport ? `${d.driver} (${d.transport})` : d.driver
}

// An interval's ends; with too few rounds for one, the median stands for both.
const low = (x) => x.low ?? x.median
const high = (x) => x.high ?? x.median

/**
 * Where the interval `[least, most]` stands against `[from, to]` (a threshold, or another
 * interval): wholly `below` it, wholly `above` it, or `across` it (the shape cannot tell).
 */
function side(least, most, from, to = from) {
  return most <= from ? 'below' : least > to ? 'above' : 'across'
}

/**
 * The budget verdict of each saturated shape: added µs/op at most a tenth of raw's
 * µs/op in the same run, and at most a tenth of what OTel adds, each judged on the 95% interval of the paired median, not on the median
 * alone: `pass` when the whole interval meets both, `FAIL` when the whole interval
 * misses one, `inconclusive` when an interval straddles its threshold (more rounds, or
 * a quieter machine, would tell). Where the shape has a control (raw + exactly 1 µs per
 * operation) and the control reads further from 1 µs than the budget itself, the shape
 * cannot resolve the budget either: `inconclusive`, whatever querycost's figure says.
 * Where it has a second raw client (`raw2`, identical to raw: a difference there is no
 * one's overhead), querycost's interval is widened on both sides by what that client reads
 * before it is judged: one client against another cannot tell differences smaller than that.
 */
export function verdicts(run) {
  const out = []
  for (const d of allDrivers(run)) {
    for (const r of d.results) {
      if (r.shape === 'serial' || !r.variants.querycost) continue
      // A tenth of raw's own CPU per operation in this shape and this run.
      const budget = BUDGET_OF_RAW * r.variants.raw.cpuUs
      const added = paired(r.variants.querycost.samples, r.variants.raw.samples)
      // A focused run (BENCH_VARIANTS) may leave OpenTelemetry out: no ten-times verdict then.
      const otel = r.variants.otel ? paired(r.variants.otel.samples, r.variants.otel.rawSamples ?? r.variants.raw.samples) : undefined
      const control = r.variants.control ? paired(r.variants.control.samples, r.variants.raw.samples) : undefined
      const identical = r.variants.raw2 ? paired(r.variants.raw2.samples, r.variants.raw.samples) : undefined
      const core = r.variants.core ? paired(r.variants.core.samples, r.variants.raw.samples) : undefined
      const floor = r.variants.floor ? paired(r.variants.floor.samples, r.variants.raw.samples) : undefined
      // Two identical clients differ by this much here: querycost's interval widens by it.
      const slack = identical === undefined ? 0 : Math.abs(identical.median)
      const ratio = otel === undefined ? undefined : added.median <= 0 ? Number.POSITIVE_INFINITY : otel.median / added.median
      out.push({
        driver: driverLabel(d),
        shape: r.shape,
        addedUs: added.median,
        addedLowUs: added.low,
        addedHighUs: added.high,
        budgetUs: budget,
        controlUs: control?.median,
        identicalUs: identical?.median,
        identicalLowUs: identical?.low,
        identicalHighUs: identical?.high,
        coreUs: core?.median,
        coreLowUs: core?.low,
        coreHighUs: core?.high,
        floorUs: floor?.median,
        floorLowUs: floor?.low,
        floorHighUs: floor?.high,
        resolves: control === undefined || Math.abs(control.median - CONTROL_NS / 1000) <= budget,
        otelAddedUs: otel?.median,
        otelRatio: ratio,
        budgetSide: side(low(added) - slack, high(added) + slack, budget),
        // Ten times less than OTel: ten times querycost's interval against OTel's.
        tenXSide:
          otel === undefined
            ? 'not run'
            : side((low(added) - slack) / BUDGET_OF_OTEL, (high(added) + slack) / BUDGET_OF_OTEL, low(otel), high(otel)),
        rounds: r.variants.raw.samples.length,
        valid: r.problems.length === 0,
      })
    }
  }
  return out
}

function verdictOf(v) {
  if (!v.valid) return 'INVALID (see problems)'
  const fails = `${v.budgetSide === 'above' ? ' (budget)' : ''}${v.tenXSide === 'above' ? ' (< 10x OTel)' : ''}`
  const open = `${v.budgetSide === 'across' ? ' (budget)' : ''}${v.tenXSide === 'across' ? ' (10x OTel)' : ''}`
  if (!v.resolves) return `inconclusive: the 1 µs control reads ${fmt(v.controlUs)}`
  if (fails) return `FAIL${fails}${open ? `; inconclusive${open}` : ''}`
  const budgetOnly = v.tenXSide === 'not run' ? ' (budget; OTel not run)' : ''
  return open ? `inconclusive${open}` : `pass${budgetOnly}`
}

/** `0.65 [0.51, 0.89]`: a paired median and its 95% interval. */
export function withInterval(median, low, high) {
  return low === undefined || high === undefined ? fmt(median) : `${fmt(median)} [${fmt(low)}, ${fmt(high)}]`
}

// The verdict table's columns: header, cell, and for a research variant's column the field
// that says a row has it (the column is left out when no row does: a default run has none).
const VERDICT_COLUMNS = [
  ['driver', (v) => v.driver],
  ['shape', (v) => v.shape],
  ['querycost added µs/op (paired, 95% interval)', (v) => withInterval(v.addedUs, v.addedLowUs, v.addedHighUs)],
  ['budget: 10% of raw µs/op', (v) => `≤ ${fmt(v.budgetUs)}`],
  [
    'second raw client reads',
    (v) => (v.identicalUs === undefined ? '—' : withInterval(v.identicalUs, v.identicalLowUs, v.identicalHighUs)),
    'identicalUs',
  ],
  ['core alone added', (v) => (v.coreUs === undefined ? '—' : withInterval(v.coreUs, v.coreLowUs, v.coreHighUs)), 'coreUs'],
  ['floor added', (v) => (v.floorUs === undefined ? '—' : withInterval(v.floorUs, v.floorLowUs, v.floorHighUs)), 'floorUs'],
  ['1 µs control reads', (v) => (v.controlUs === undefined ? '—' : fmt(v.controlUs)), 'controlUs'],
  ['OTel added µs/op (paired)', (v) => fmt(v.otelAddedUs)],
  [
    'OTel ÷ querycost',
    (v) => (v.otelRatio === undefined ? '—' : Number.isFinite(v.otelRatio) ? `${fmt(v.otelRatio, 1)}x` : '∞ (no measurable added CPU)'),
  ],
  ['verdict', verdictOf],
]

export function verdictTable(list) {
  const columns = VERDICT_COLUMNS.filter(([, , field]) => field === undefined || list.some((v) => v[field] !== undefined))
  return markdown(
    columns.map(([header]) => header),
    list.map((v) => columns.map(([, cell]) => cell(v))),
  )
}

export function e2eTable(e2e) {
  const none = e2e.variants.none
  return markdown(
    ['variant', 'CPU µs/request', 'x none', 'added µs/request', 'added µs/op', 'requests/s', 'x none', 'spread'],
    Object.entries(e2e.variants).map(([name, v]) => [
      name,
      fmt(v.cpuUs, 1),
      fmt(v.cpuUs / none.cpuUs),
      name === 'none' ? '—' : fmt(v.cpuUs - none.cpuUs, 1),
      name === 'none' ? '—' : fmt((v.cpuUs - none.cpuUs) / e2e.opsPerRequest),
      Math.round(v.rps).toLocaleString('en-US'),
      fmt(v.rps / none.rps),
      `${fmt(v.spread * 100, 0)}%`,
    ]),
  )
}

export function microTable(micro) {
  return markdown(
    ['hot path', 'CPU ns/call', 'spread'],
    micro.rows.map((r) => [r.name, fmt(r.ns, 0), `${fmt(r.spread * 100, 0)}%`]),
  )
}
