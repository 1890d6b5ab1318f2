import { formatTable, num } from './format-table.js'

const routeColumns = [
  { title: 'route', value: (r) => r.route },
  { title: 'requests', value: (r) => num(r.requests) },
  { title: 'queries', value: (r) => num(r.queries) },
  { title: 'per req', value: (r) => num(r.queries / r.requests, 1) },
  { title: 'rows', value: (r) => num(r.rows) },
  { title: 'returned', value: (r) => num(r.items) },
  { title: 'affected', value: (r) => num(r.affected) },
  { title: 'dbWallMs avg', value: (r) => num(r.dbWallMs / r.requests, 2) },
  { title: 'poolWaitMs avg', value: (r) => num(r.poolWaitMs / r.requests, 2) },
]

const tableColumns = [
  { title: 'table', value: (t) => t.table },
  { title: 'queries', value: (t) => num(t.queries) },
  { title: 'rows', value: (t) => num(t.rows) },
  { title: 'affected', value: (t) => num(t.affected) },
  { title: 'durationMs', value: (t) => num(t.durationMs, 1) },
  {
    title: 'operations',
    value: (t) =>
      Object.entries(t.operations)
        .map(([verb, n]) => `${verb} ${n}`)
        .join(', '),
    align: 'left',
  },
  { title: 'routes', value: (t) => t.routes.length },
]

/** The demo's output, as lines of text: setup, per route, per table, worst offenders. */
export function renderDemo(result) {
  const { summary, systems, outFile, timings } = result
  const out = []
  out.push('querycost demo')
  out.push('')
  out.push(`systems: ${systems.map((s) => `${s.name} (${s.status})`).join(', ')}`)
  out.push(
    `traffic: ${num(summary.totals.requests)} requests, ${num(summary.totals.queries)} queries, ${num(summary.totals.rows)} rows read, ${num(summary.totals.affected)} rows written, ${num(summary.totals.lost)} outside any request (setup ${num(timings.setupMs)} ms, traffic ${num(timings.trafficMs)} ms)`,
  )
  out.push('')
  out.push(
    'Per route (one cost report per request, added up; "rows" = rows the database returned, "returned" = items the route sent back):',
  )
  out.push(formatTable(summary.routes, routeColumns))
  out.push('')
  out.push('Per table (a join counts once in each of its tables):')
  out.push(formatTable(summary.tables, tableColumns))
  out.push('')
  out.push('Worst offenders:')
  out.push(...renderOffenders(summary.offenders))
  out.push('')
  out.push(`Every report is also a line in ${outFile}`)
  return out
}

function renderOffenders({ repeated, rowsRead, breaches, blocking }) {
  const out = []
  const n1 = repeated[0]
  if (n1 === undefined) out.push('  N+1: none (no statement repeated often enough in one request)')
  else {
    out.push(
      `  N+1            ${n1.route}: one request ran the same statement ${n1.perRequest} times (${n1.requests} of its requests did):`,
    )
    out.push(`                   ${n1.fingerprint}`)
    out.push(`                 fetch them in one query (WHERE id = ANY($1)) or join them in.`)
  }
  const read = rowsRead[0]
  if (read !== undefined) {
    out.push(
      `  rows read      ${read.route}: read ${num(read.rowsPerRequest)} rows per request to return ${num(read.itemsPerRequest)} (${num(read.ratio)}:1);`,
    )
    out.push('                 let the database aggregate (count(*), sum, LIMIT).')
  }
  if (blocking !== undefined) {
    out.push(
      `  event loop     ${blocking.route}: held the loop ${num(blocking.longestSyncMs)} ms in one stretch; ${blocking.delayed} other requests waited ${num(blocking.loopDelayMs)} ms on stalls;`,
    )
    out.push('                 move the work off the loop (a worker thread, or chunks with setImmediate).')
  }
  if (breaches.length === 0) out.push('  limits         none breached')
  for (const { route, violations } of breaches) {
    const list = violations.map((v) => `${v.table ? `${v.table} ` : ''}${v.limit} ${num(v.value)} > ${num(v.threshold)}`).join('; ')
    out.push(`  limits         ${route}: ${list} (${violations[0].requests} requests)`)
  }
  return out
}
