import { Counter, Histogram, type Registry, register } from 'prom-client'
import { lostContextStats } from '../context/lost-context.js'
import { reportInternalError } from '../driver/guard.js'
import type { CostReport } from '../report/types.js'
import { LabelLimit, type MetricLimits, OTHER_LABEL } from './label-limit.js'

/** Options of {@link prometheusSink}. */
export interface PrometheusSinkOptions extends MetricLimits {
  /** Where the metrics are registered. Default: prom-client's global `register`. */
  registry?: Registry
  /**
   * Prefix of every metric name.
   * @default 'querycost_'
   */
  prefix?: string
}

const COUNT_BUCKETS = [0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 5000]
const SECONDS_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

type TableLabel = 'route' | 'system' | 'table'

/** One metric per name and registry: a second sink on the same registry reuses the first one's. */
function metric<M>(registry: Registry, name: string, make: () => M): M {
  return (registry.getSingleMetric(name) as M | undefined) ?? make()
}

/**
 * An `onReport` that feeds Prometheus metrics (`prom-client`, an optional peer,
 * loaded only by this entry point). Counters per route, system and table:
 * `querycost_operations_total`, `_operation_seconds_total`, `_rows_total`,
 * `_affected_total`, `_errors_total`, and `querycost_reports_total` per route;
 * histograms per report, by route and system: `querycost_request_operations`,
 * `querycost_request_db_seconds`, `querycost_request_rows`. Routes and tables past
 * `maxRoutes`/`maxTables` are `(other)`. `querycost_lost_operations_total` (by system
 * and table) is read from `lostContextStats()` at each scrape. With
 * `configure({ eventLoop })`, `querycost_sync_seconds_total` and
 * `querycost_loop_delay_seconds_total` per route too.
 *
 * @example
 * import { prometheusSink } from '@querycost/core/prometheus'
 * configure({ onReport: prometheusSink() })   // then serve register.metrics() as usual
 */
export function prometheusSink(options: PrometheusSinkOptions = {}): (report: CostReport) => void {
  const registry = options.registry ?? register
  const p = options.prefix ?? 'querycost_'
  const registers = [registry]
  const counter = <L extends string>(name: string, help: string, labelNames: readonly L[]) =>
    metric(registry, p + name, () => new Counter<L>({ name: p + name, help, labelNames, registers }))
  const histogram = (name: string, help: string, buckets: number[]) =>
    metric(
      registry,
      p + name,
      () => new Histogram<'route' | 'system'>({ name: p + name, help, labelNames: ['route', 'system'], buckets, registers }),
    )
  const byTable = ['route', 'system', 'table'] as const
  const operations = counter<TableLabel>('operations_total', 'Database operations', byTable)
  const seconds = counter<TableLabel>('operation_seconds_total', 'Summed database operation time', byTable)
  const rows = counter<TableLabel>('rows_total', 'Rows or documents returned', byTable)
  const affected = counter<TableLabel>('affected_total', 'Rows, keys or documents written', byTable)
  const errors = counter<TableLabel>('errors_total', 'Operations that ended in an error', byTable)
  const reports = counter<'route'>('reports_total', 'Requests and jobs reported', ['route'])
  const perRequestOps = histogram('request_operations', 'Database operations per request, by system', COUNT_BUCKETS)
  const perRequestSeconds = histogram('request_db_seconds', 'Summed database time per request, by system', SECONDS_BUCKETS)
  const perRequestRows = histogram('request_rows', 'Rows returned per request, by system', COUNT_BUCKETS)
  const sync = counter<'route'>('sync_seconds_total', 'Time run synchronously on the event loop (eventLoop on)', ['route'])
  const delay = counter<'route'>('loop_delay_seconds_total', 'Time spent waiting on loop stalls of others (eventLoop on)', ['route'])
  metric(
    registry,
    `${p}lost_operations_total`,
    () =>
      new Counter<'system' | 'table'>({
        name: `${p}lost_operations_total`,
        help: 'Operations that started outside any cost context (lostContextStats())',
        labelNames: ['system', 'table'],
        registers,
        collect() {
          // Read at scrape time from core's own figures, which only grow until reset.
          this.reset()
          for (const entry of Object.values(lostContextStats().tables)) {
            this.inc({ system: entry.system, table: entry.table }, entry.count)
          }
        },
      }),
  )
  const routes = new LabelLimit(options.maxRoutes ?? 200)
  const tables = new LabelLimit(options.maxTables ?? 500)

  return (report) => {
    try {
      const route = routes.of(report.name)
      reports.inc({ route })
      for (const [key, stats] of Object.entries(report.tables)) {
        const table = tables.of(key) === OTHER_LABEL ? OTHER_LABEL : stats.table
        const labels = { route, system: stats.system, table }
        operations.inc(labels, stats.count)
        seconds.inc(labels, stats.durationMs / 1000)
        rows.inc(labels, stats.rows)
        affected.inc(labels, stats.affected)
        errors.inc(labels, stats.errors)
      }
      for (const [system, stats] of Object.entries(report.systems)) {
        perRequestOps.observe({ route, system }, stats.count)
        perRequestSeconds.observe({ route, system }, stats.durationMs / 1000)
        perRequestRows.observe({ route, system }, stats.rows)
      }
      if (report.syncMs !== undefined) sync.inc({ route }, report.syncMs / 1000)
      if (report.loopDelayMs !== undefined) delay.inc({ route }, report.loopDelayMs / 1000)
    } catch (error) {
      reportInternalError('prometheusSink', error)
    }
  }
}
