import type { Engine } from '../engine/engine.js'
import type { CostFigures, OrderKey, QueryOptions } from './options.js'
import { roundMs } from './options.js'
import { routeCosts } from './routes.js'
import { tableCosts } from './tables.js'
import type { TimeWindow } from './time-window.js'

const FIGURES = ['count', 'durationMs', 'rows', 'affected', 'errors'] as const

/** One figure in both windows: the change (after − before) and the ratio (after / before; null from zero). */
export interface Change {
  before: number
  after: number
  change: number
  ratio: number | null
}

/** A route or table (`key`) in both windows. Routes also carry their request counts. */
export interface Comparison {
  key: string
  requests?: Change
  count: Change
  durationMs: Change
  rows: Change
  affected: Change
  errors: Change
}

/** Per route and per table, before against after, largest change in the order key first. */
export interface CompareResult {
  routes: Comparison[]
  tables: Comparison[]
}

/** Compares two time windows over the same filters. */
export async function compareWindows(engine: Engine, before: TimeWindow, after: TimeWindow, options: QueryOptions): Promise<CompareResult> {
  const all = { ...options, limit: 0 }
  const [rb, ra, tb, ta] = [
    await routeCosts(engine, { ...all, ...window(before) }),
    await routeCosts(engine, { ...all, ...window(after) }),
    await tableCosts(engine, { ...all, ...window(before) }),
    await tableCosts(engine, { ...all, ...window(after) }),
  ]
  const routes = merge(new Map(rb.map((r) => [r.name, r])), new Map(ra.map((r) => [r.name, r])), (r) => r.requests)
  const tables = merge(new Map(tb.map((t) => [t.key, t])), new Map(ta.map((t) => [t.key, t])))
  return { routes: sortAndCut(routes, options.by, options.limit), tables: sortAndCut(tables, options.by, options.limit) }
}

function window(w: TimeWindow): { since: number | undefined; until: number | undefined } {
  return { since: w.since, until: w.until }
}

function merge<T extends CostFigures>(before: Map<string, T>, after: Map<string, T>, requests?: (value: T) => number): Comparison[] {
  const keys = [...new Set([...before.keys(), ...after.keys()])]
  return keys.map((key) => {
    const b = before.get(key)
    const a = after.get(key)
    const out = { key } as Comparison
    if (requests) out.requests = change(b ? requests(b) : 0, a ? requests(a) : 0)
    for (const figure of FIGURES) out[figure] = change(b?.[figure] ?? 0, a?.[figure] ?? 0)
    return out
  })
}

function change(before: number, after: number): Change {
  return { before, after, change: roundMs(after - before), ratio: before === 0 ? null : roundMs(after / before) }
}

function sortAndCut(list: Comparison[], by: OrderKey, limit: number): Comparison[] {
  const figure = figureOf(by)
  const size = (c: Comparison) => Math.abs((figure === 'requests' ? c.requests : c[figure])?.change ?? 0)
  list.sort((x, y) => size(y) - size(x) || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0))
  return limit > 0 ? list.slice(0, limit) : list
}

/** The figure an order key names in a comparison. */
export function figureOf(by: OrderKey): (typeof FIGURES)[number] | 'requests' {
  return by === 'time' ? 'durationMs' : by
}
