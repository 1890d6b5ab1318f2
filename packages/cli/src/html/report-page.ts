import { compareView, VIEWS } from '../commands/views.js'
import type { Column } from '../output/columns.js'
import { formatCount, formatMs } from '../output/units.js'
import { figureOf } from '../queries/compare.js'
import type { CostFigures, OrderKey } from '../queries/options.js'
import type { TimeWindow } from '../queries/time-window.js'
import { type Bar, barChart } from './bar-chart.js'
import { esc } from './escape.js'
import { htmlTable } from './html-table.js'
import type { ReportData } from './report-data.js'
import { STYLE } from './style.js'

const BREAKDOWN = VIEWS.tables.filter((c) => c.path !== 'routes')

const VIOLATIONS: Column[] = [
  { path: 'name', header: 'route', kind: 'text' },
  { path: 'limit', header: 'limit', kind: 'text' },
  { path: 'table', header: 'table', kind: 'text' },
  { path: 'times', header: 'times', kind: 'count' },
  { path: 'worst', header: 'worst value', kind: 'count' },
  { path: 'threshold', header: 'threshold', kind: 'count' },
]

/** The whole page: one HTML file with its style and SVG charts inline, nothing fetched. */
export function reportPage(data: ReportData, by: OrderKey, sources: string): string {
  const figure = figureOf(by) === 'requests' ? 'count' : (figureOf(by) as 'count' | 'durationMs' | 'rows' | 'affected' | 'errors')
  const metric = (f: CostFigures) => f[figure]
  const show = (n: number) => (figure === 'durationMs' ? formatMs(n) : formatCount(n))
  const what = figure === 'durationMs' ? 'database time' : figure === 'count' ? 'operations' : figure
  const s = data.summary
  const cards = [
    ['requests', formatCount(s.requests)],
    ['routes', formatCount(s.routes)],
    ['operations', formatCount(s.count)],
    ['database time', formatMs(s.durationMs)],
    ['rows read', formatCount(s.rows)],
    ['rows written', formatCount(s.affected)],
    ['errors', formatCount(s.errors)],
  ]
  const window = s.firstMs === null ? 'no reports' : `${iso(s.firstMs)} to ${iso(s.lastMs!)}`
  const parts = [
    `<header><h1>querycost report</h1><p class="sub">${esc(sources)} · ${esc(window)} · ordered by ${esc(what)}</p>
<p class="intro">What each route (an HTTP route or a named job) cost its databases: operations sent, time spent in them, rows read and written. Start with the costliest routes, then the tables they hit, then the statements a request ran over and over.</p></header>`,
    `<section class="cards" data-testid="summary">${cards.map(([k, v]) => `<div class="card"><div class="v">${esc(v)}</div><div class="k">${esc(k)}</div></div>`).join('')}</section>`,
    `<section><h2>Costliest routes <small>by ${esc(what)}, top ${data.routes.length}</small></h2>`,
    barChart(
      'costliest routes',
      data.routes.map((r) => ({ label: r.name, value: metric(r), text: `${show(metric(r))} · ${formatCount(r.requests)} req` })),
      'routes-chart',
    ),
    htmlTable(VIEWS.routes, data.routes, 'routes-table'),
    `</section><section><h2>Costliest tables <small>by ${esc(what)}</small></h2>`,
    barChart(
      'costliest tables',
      data.tables.map((t) => ({ label: t.key, value: metric(t), text: show(metric(t)) })),
      'tables-chart',
    ),
    htmlTable(VIEWS.tables, data.tables, 'tables-table'),
    `</section><section data-testid="breakdowns"><h2>What each route costs, table by table</h2>`,
    ...data.breakdowns.map(
      (b) =>
        `<details open><summary>${esc(b.route)}</summary>${b.tables.length === 0 ? `<p class="empty" data-testid="breakdown:${esc(b.route)}">No database work.</p>` : htmlTable(BREAKDOWN, b.tables, `breakdown:${b.route}`)}</details>`,
    ),
    `</section><section><h2>Repeated statements <small>the same statement many times in one request (N+1)</small></h2>`,
    htmlTable(VIEWS.repeated, data.repeated, 'repeated-table'),
    `</section><section><h2>Limit violations <small>routes that broke a limit set in their configuration</small></h2>`,
    htmlTable(VIOLATIONS, data.violations, 'violations-table'),
    '</section>',
  ]
  if (data.compare) parts.push(compareSection(data.compare, figure, show))
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>querycost report</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>${STYLE}</style></head>
<body>
${parts.join('\n')}
<footer>Made by <code>querycost report --html</code>. Times are summed operation time; rows are rows returned, affected rows written.</footer>
</body></html>
`
}

function compareSection(
  compare: NonNullable<ReportData['compare']>,
  figure: 'count' | 'durationMs' | 'rows' | 'affected' | 'errors',
  show: (n: number) => string,
): string {
  const bars = (list: typeof compare.result.routes): Bar[] =>
    list.map((c) => ({
      label: c.key,
      value: c[figure].after,
      text: `${show(c[figure].after)} after`,
      before: { value: c[figure].before, text: `${show(c[figure].before)} before` },
    }))
  return [
    `<section data-testid="compare"><h2>Before and after <small>${esc(windowText(compare.before))} → ${esc(windowText(compare.after))}</small></h2>`,
    '<p class="legend"><span class="sw before"></span> before <span class="sw bar"></span> after</p>',
    '<h3>Routes</h3>',
    barChart('routes before and after', bars(compare.result.routes), 'compare-routes-chart'),
    htmlTable(compareView('route', figure, true), compare.result.routes, 'compare-routes-table'),
    '<h3>Tables</h3>',
    barChart('tables before and after', bars(compare.result.tables), 'compare-tables-chart'),
    htmlTable(compareView('table', figure, false), compare.result.tables, 'compare-tables-table'),
    '</section>',
  ].join('\n')
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z')
}

function windowText(w: TimeWindow): string {
  return `${w.since === undefined ? '…' : iso(w.since)} to ${w.until === undefined ? '…' : iso(w.until)}`
}
