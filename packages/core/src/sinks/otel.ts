import { type Attributes, context, type Histogram, type Meter, metrics, type Span, type Tracer, trace } from '@opentelemetry/api'
import { reportInternalError } from '../driver/guard.js'
import type { CostReport } from '../report/types.js'
import { LabelLimit, type MetricLimits } from './label-limit.js'
import { worstTables } from './worst-tables.js'

/** Options of {@link otelSink}. */
export interface OtelSinkOptions extends MetricLimits {
  /** Where the histograms are made. Default: `metrics.getMeter('querycost')`. */
  meter?: Meter
  /** Makes the child span used when the active span has already ended. Default: `trace.getTracer('querycost')`. */
  tracer?: Tracer
  /**
   * Tables listed in the span attributes, costliest first.
   * @default 3
   */
  worstTables?: number
}

const COUNT_BUCKETS = [0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 5000, 10000]
const MS_BUCKETS = [0, 1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000]

interface Instruments {
  count: Histogram
  duration: Histogram
  rows: Histogram
}

function instruments(meter: Meter, scope: 'request' | 'table'): Instruments {
  const of = scope === 'request' ? 'one request (or job)' : 'one table in one request'
  return {
    count: meter.createHistogram(`querycost.${scope}.operations`, {
      description: `Database operations of ${of}`,
      unit: '{operation}',
      advice: { explicitBucketBoundaries: COUNT_BUCKETS },
    }),
    duration: meter.createHistogram(`querycost.${scope}.duration`, {
      description: `Summed database operation time of ${of}`,
      unit: 'ms',
      advice: { explicitBucketBoundaries: MS_BUCKETS },
    }),
    rows: meter.createHistogram(`querycost.${scope}.rows`, {
      description: `Rows or documents returned to ${of}`,
      unit: '{row}',
      advice: { explicitBucketBoundaries: COUNT_BUCKETS },
    }),
  }
}

/** The span attributes of a report: its totals and its costliest tables (parallel arrays). */
export function spanAttributes(report: CostReport, tables: number): Attributes {
  const worst = worstTables(report, tables)
  const attributes: Attributes = {
    'querycost.name': report.name,
    'querycost.count': report.total.count,
    'querycost.duration_ms': report.total.durationMs,
    'querycost.rows': report.total.rows,
    'querycost.affected': report.total.affected,
    'querycost.errors': report.total.errors,
    'querycost.db_wall_ms': report.dbWallMs,
    'querycost.pool_wait_ms': report.poolWaitMs,
    'querycost.repeated': report.repeated.length,
    'querycost.violations': report.violations.map((v) => (v.table === undefined ? v.limit : `${v.limit} ${v.table}`)),
    'querycost.worst_tables': worst.map((t) => `${t.system}:${t.table}`),
    'querycost.worst_tables.count': worst.map((t) => t.count),
    'querycost.worst_tables.duration_ms': worst.map((t) => t.durationMs),
    'querycost.worst_tables.rows': worst.map((t) => t.rows),
  }
  if (report.syncMs !== undefined) {
    attributes['querycost.sync_ms'] = report.syncMs
    attributes['querycost.longest_sync_ms'] = report.longestSyncMs
    attributes['querycost.loop_delay_ms'] = report.loopDelayMs
  }
  return attributes
}

/**
 * An `onReport` that hands each report to OpenTelemetry (`@opentelemetry/api`, an
 * optional peer, loaded only by this entry point):
 *
 * - **span attributes** (`querycost.count`, `querycost.worst_tables` …) on the span
 *   active when the report is made; if that span has already ended (an HTTP server
 *   span ends with the response, the report comes just after), on a zero-length child
 *   span `querycost <name>` in the same trace;
 * - **histograms** per report: `querycost.request.{operations,duration,rows}` by
 *   `querycost.route`, and `querycost.table.{operations,duration,rows}` by route,
 *   `querycost.system` and `querycost.table`; routes and tables past the limits are `(other)`.
 *
 * It never throws into the host: an error is reported once on stderr.
 *
 * @example
 * import { otelSink } from '@querycost/core/otel'
 * configure({ onReport: otelSink() })
 */
export function otelSink(options: OtelSinkOptions = {}): (report: CostReport) => void {
  const meter = options.meter ?? metrics.getMeter('querycost')
  const tracer = options.tracer ?? trace.getTracer('querycost')
  const request = instruments(meter, 'request')
  const table = instruments(meter, 'table')
  const routes = new LabelLimit(options.maxRoutes ?? 200)
  const tables = new LabelLimit(options.maxTables ?? 500)
  const listed = options.worstTables ?? 3

  const annotate = (report: CostReport): void => {
    const span: Span | undefined = trace.getActiveSpan()
    if (span === undefined) return
    const attributes = spanAttributes(report, listed)
    if (span.isRecording()) {
      span.setAttributes(attributes)
      return
    }
    // Ended (or not sampled: then the child is not recorded either).
    tracer.startSpan(`querycost ${report.name}`, { attributes }, context.active()).end()
  }

  return (report) => {
    try {
      annotate(report)
      const route = routes.of(report.name)
      const routeAttributes = { 'querycost.route': route }
      request.count.record(report.total.count, routeAttributes)
      request.duration.record(report.total.durationMs, routeAttributes)
      request.rows.record(report.total.rows, routeAttributes)
      for (const [key, stats] of Object.entries(report.tables)) {
        const folded = tables.of(key)
        const attributes = {
          'querycost.route': route,
          'querycost.system': stats.system,
          'querycost.table': folded === key ? stats.table : folded,
        }
        table.count.record(stats.count, attributes)
        table.duration.record(stats.durationMs, attributes)
        table.rows.record(stats.rows, attributes)
      }
    } catch (error) {
      reportInternalError('otelSink', error)
    }
  }
}
