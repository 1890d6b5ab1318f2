import type { Column } from '../output/columns.js'

const c = (path: string, header: string, kind: Column['kind']): Column => ({ path, header, kind })

/** The five figures, as the terminal shows them. */
const FIGURES = [
  c('count', 'ops', 'count'),
  c('durationMs', 'time', 'ms'),
  c('rows', 'rows', 'count'),
  c('affected', 'affected', 'count'),
  c('errors', 'errors', 'count'),
]

/** Terminal columns of each query command. */
export const VIEWS = {
  routes: [
    c('name', 'route', 'text'),
    c('requests', 'requests', 'count'),
    ...FIGURES,
    c('countPerRequest', 'ops/req', 'count'),
    c('durationMsPerRequest', 'time/req', 'ms'),
    c('wallMsPerRequest', 'wall/req', 'ms'),
    c('poolWaitMs', 'pool wait', 'ms'),
  ],
  tables: [c('key', 'table', 'text'), c('routes', 'routes', 'count'), ...FIGURES],
  table: [c('name', 'route', 'text'), ...FIGURES, c('operations', 'operations', 'text')],
  repeated: [
    c('system', 'system', 'text'),
    c('count', 'runs', 'count'),
    c('durationMs', 'time', 'ms'),
    c('requests', 'requests', 'count'),
    c('maxPerRequest', 'max/req', 'count'),
    c('routes', 'routes', 'count'),
    c('route', 'e.g. route', 'text'),
    c('fingerprint', 'statement', 'text'),
  ],
} satisfies Record<string, Column[]>

/** Compare columns: the requests (routes only), the ordered figure and the operation count, each before, after, change, ratio. */
export function compareView(label: string, figure: string, withRequests: boolean): Column[] {
  const ms = figure === 'durationMs'
  const kind = ms ? 'ms' : 'count'
  const cols = [c('key', label, 'text')]
  if (withRequests) cols.push(c('requests.before', 'req before', 'count'), c('requests.after', 'req after', 'count'))
  if (figure !== 'requests') {
    cols.push(
      c(`${figure}.before`, `${figure === 'durationMs' ? 'time' : figure} before`, kind),
      c(`${figure}.after`, 'after', kind),
      c(`${figure}.change`, 'change', ms ? 'msChange' : 'countChange'),
      c(`${figure}.ratio`, 'ratio', 'ratio'),
    )
  }
  if (figure !== 'count')
    cols.push(c('count.before', 'ops before', 'count'), c('count.after', 'ops after', 'count'), c('count.ratio', 'ratio', 'ratio'))
  return cols
}
