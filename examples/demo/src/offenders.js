/**
 * The worst offenders in a set of reports: the N+1 loop (the most repeated statement
 * shape of any request), the route that reads the most rows per item it returns, and
 * every route whose requests broke their limits.
 *
 * @param {object[]} reports
 * @param {ReturnType<import('./summary.js').perRoute>} routes
 */
export function offenders(reports, routes) {
  return { repeated: worstRepeated(reports), rowsRead: worstReadRatio(routes), breaches: breaches(reports) }
}

/** Per route, its most repeated fingerprint and how often one request ran it; worst first. */
function worstRepeated(reports) {
  const byRoute = new Map()
  for (const report of reports) {
    for (const entry of report.repeated) {
      const seen = byRoute.get(report.name)
      if (seen === undefined || entry.count > seen.perRequest) {
        byRoute.set(report.name, {
          route: report.name,
          fingerprint: entry.fingerprint,
          tables: entry.tables,
          perRequest: entry.count,
          requests: 0,
        })
      }
    }
  }
  for (const report of reports) {
    const seen = byRoute.get(report.name)
    if (seen !== undefined && report.repeated.some((entry) => entry.fingerprint === seen.fingerprint)) seen.requests += 1
  }
  return [...byRoute.values()].sort((a, b) => b.perRequest - a.perRequest)
}

/** Routes by rows read per item returned, worst first (those that returned something). */
function worstReadRatio(routes) {
  return routes
    .filter((route) => route.items > 0 && route.rows > route.items)
    .map((route) => ({
      route: route.route,
      rowsPerRequest: route.rows / route.requests,
      itemsPerRequest: route.items / route.requests,
      ratio: route.rows / route.items,
    }))
    .sort((a, b) => b.ratio - a.ratio)
}

/** Each route's breached limits: the highest value seen and how many requests breached it. */
function breaches(reports) {
  const byRoute = new Map()
  for (const report of reports) {
    for (const { limit, value, threshold, table } of report.violations) {
      if (!byRoute.has(report.name)) byRoute.set(report.name, new Map())
      const route = byRoute.get(report.name)
      const key = `${table ?? ''} ${limit}`
      const seen = route.get(key) ?? { limit, ...(table === undefined ? {} : { table }), threshold, value, requests: 0 }
      seen.value = Math.max(seen.value, value)
      seen.requests += 1
      route.set(key, seen)
    }
  }
  return [...byRoute].map(([route, violations]) => ({ route, violations: [...violations.values()] }))
}
