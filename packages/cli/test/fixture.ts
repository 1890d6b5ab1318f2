import { writeFileSync } from 'node:fs'

/** One table's work in a request of a fixture route. */
interface Work {
  system: string
  table: string
  operation: string
  count: number
  durationMs: number
  rows?: number
  affected?: number
  errors?: number
}

interface RouteSpec {
  name: string
  day1: number
  day2: number
  work: Work[]
  repeated?: { system: string; fingerprint: string; tables: string[]; count: number; durationMs: number }[]
  violations?: { limit: string; value: number; threshold: number; table?: string }[]
  /** Requests (by index) whose first table had one error. */
  errorsIn?: number[]
}

/** The fixture's routes: what one request of each does. The tests' expected totals are worked out by hand from this. */
export const ROUTES: RouteSpec[] = [
  {
    name: 'GET /users/:id',
    day1: 15,
    day2: 25,
    work: [
      { system: 'pg', table: 'users', operation: 'SELECT', count: 3, durationMs: 1.5, rows: 3 },
      { system: 'redis', table: 'session', operation: 'GET', count: 1, durationMs: 0.25, rows: 1 },
    ],
  },
  {
    name: 'GET /orders',
    day1: 10,
    day2: 20,
    work: [
      { system: 'pg', table: 'orders', operation: 'SELECT', count: 12, durationMs: 6, rows: 120 },
      { system: 'pg', table: 'order_items', operation: 'SELECT', count: 10, durationMs: 2.5, rows: 50 },
    ],
    repeated: [
      { system: 'pg', fingerprint: 'select * from order_items where order_id = ?', tables: ['order_items'], count: 10, durationMs: 2.5 },
    ],
    violations: [{ limit: 'maxCount', value: 22, threshold: 20 }],
  },
  {
    name: 'POST /orders',
    day1: 10,
    day2: 10,
    work: [
      { system: 'pg', table: 'orders', operation: 'INSERT', count: 1, durationMs: 2, affected: 1 },
      { system: 'pg', table: 'order_items', operation: 'INSERT', count: 1, durationMs: 1, affected: 3 },
      { system: 'redis', table: 'cart', operation: 'DEL', count: 1, durationMs: 0.75, affected: 1 },
    ],
    errorsIn: [3, 17],
  },
  {
    name: 'job:nightly',
    day1: 1,
    day2: 1,
    work: [{ system: 'mysql', table: 'analytics.events', operation: 'SELECT', count: 500, durationMs: 250, rows: 500_000 }],
    repeated: [
      {
        system: 'mysql',
        fingerprint: 'select * from analytics.events where id > ? limit ?',
        tables: ['analytics.events'],
        count: 500,
        durationMs: 250,
      },
    ],
    violations: [{ limit: 'maxRows', value: 500_000, threshold: 100_000 }],
  },
  { name: 'GET /health', day1: 4, day2: 4, work: [] },
]

/** Midnight UTC of the fixture's two days; the second day starts the "after" window. */
export const DAY1 = Date.parse('2026-11-01T00:00:00Z')
export const DAY2 = Date.parse('2026-11-02T00:00:00Z')

function stats(w: Partial<Work>) {
  return { count: w.count ?? 0, durationMs: w.durationMs ?? 0, rows: w.rows ?? 0, affected: w.affected ?? 0, errors: w.errors ?? 0 }
}

function add(into: ReturnType<typeof stats>, w: ReturnType<typeof stats>) {
  into.count += w.count
  into.durationMs += w.durationMs
  into.rows += w.rows
  into.affected += w.affected
  into.errors += w.errors
}

/** The reports of the fixture, interleaved by route, as a real log would be. */
export function fixtureReports(): object[] {
  const reports: { at: number; report: object }[] = []
  for (const route of ROUTES) {
    for (let i = 0; i < route.day1 + route.day2; i++) {
      const day = i < route.day1 ? DAY1 : DAY2
      const at = day + 3_600_000 + i * 61_000 + route.name.length * 1000
      const total = stats({})
      const systems: Record<string, ReturnType<typeof stats>> = {}
      const tables: Record<string, object> = {}
      route.work.forEach((w, k) => {
        const s = stats({ ...w, errors: k === 0 && route.errorsIn?.includes(i) ? 1 : 0 })
        add(total, s)
        systems[w.system] ??= stats({})
        add(systems[w.system]!, s)
        tables[`${w.system}:${w.table}`] = { system: w.system, table: w.table, ...s, operations: { [w.operation]: s } }
      })
      const report = {
        schema: 1,
        name: route.name,
        startedAt: new Date(at).toISOString(),
        wallMs: total.durationMs + 2,
        dbWallMs: total.durationMs,
        poolWaitMs: route.work.length > 0 ? 0.5 : 0,
        total,
        systems,
        tables,
        repeated: route.repeated ?? [],
        violations: route.violations ?? [],
        // Fields a later version adds (the event-loop figures): the reader must ignore them.
        ...(i % 2 === 0 ? { syncMs: 0.4, longestSyncMs: 0.3, loopDelayMs: 0.1 } : {}),
      }
      reports.push({ at: at + i, report })
    }
  }
  return reports.sort((a, b) => a.at - b.at).map((r) => r.report)
}

/** Writes the fixture as JSON lines. */
export function writeFixture(path: string): void {
  writeFileSync(
    path,
    `${fixtureReports()
      .map((r) => JSON.stringify(r))
      .join('\n')}\n`,
  )
}
