import { type CostReport, measureCost } from '@querycost/core'
import type { FaultProxy } from './fault-proxy.js'
import { heapAfterGc } from './heap.js'

/** A fault fired once `at` operations (of every context, failed ones too) have ended. */
export interface Fault {
  at: number
  fire(): unknown
}

/** The server refuses new connections and drops the open ones from `from` operations on, until `to`. */
export function refusedBetween(proxy: FaultProxy, from: number, to: number): Fault[] {
  return [
    {
      at: from,
      fire: () => {
        proxy.refuse()
        proxy.cut()
      },
    },
    { at: to, fire: () => proxy.accept() },
  ]
}

/** Every open connection cut at each of `ats` operations. */
export function cutsAt(proxy: FaultProxy, ats: readonly number[]): Fault[] {
  return ats.map((at) => ({ at, fire: () => proxy.cut() }))
}

/**
 * One fault scenario: `contexts` requests run at once, each `ops` operations, in turn,
 * through the instrumented driver; every statement of context `i` names its own table
 * (`table(i)`, the report key), so its report must hold nothing else. `raw` loops run
 * beside them through the same faults, with the raw driver, at the contexts' pace, until they are done.
 */
export interface Scenario {
  name: string
  system: string
  contexts: number
  ops: number
  table(i: number): string
  op(i: number, k: number): Promise<unknown>
  faults: Fault[]
  raw?: { loops: number; op(k: number): Promise<unknown> }
  /** Before the first operation (after the heap is measured), and after the last (before it is measured again). */
  setup?(): Promise<unknown>
  teardown?(): Promise<unknown>
}

/** What a scenario shows: the figures the lead quotes, and what the test asserts. */
export interface ScenarioFigures {
  scenario: string
  contexts: number
  /** Operations the contexts attempted. */
  attempted: number
  /** Errors the callers caught (the test's own catch). */
  seen: number
  /** Errors in the reports, summed: of the system, and of the total. */
  countedSystem: number
  countedTotal: number
  /** Of those, under `system:(connection)`. */
  connection: number
  /** Reports delivered. */
  reports: number
  /** Operations (and errors) in a context's report under a table not its own. */
  misattributed: number
  /** Attempted operations the reports miss: attempted − (count + connection errors). */
  lost: number
  /** The raw loops beside: operations and errors they saw. */
  rawOps: number
  rawSeen: number
  /** The errors the callers saw, by code (or message, cut at 40 characters). */
  kinds: Record<string, number>
  heapBefore: number
  heapAfter: number
}

function kindOf(error: unknown): string {
  const e = error as { code?: unknown; message?: unknown } | null
  if (e !== null && typeof e === 'object' && e.code !== undefined) return String(e.code)
  return String(e !== null && typeof e === 'object' ? e.message : error).slice(0, 40)
}

/** What one context's report adds up to. */
function tally(s: Scenario, i: number, report: CostReport) {
  const own = s.table(i)
  const connection = `${s.system}:(connection)`
  let misattributed = 0
  for (const [key, t] of Object.entries(report.tables)) {
    if (key !== own && key !== connection) misattributed += t.count + t.errors
  }
  return {
    count: report.total.count,
    system: report.systems[s.system]?.errors ?? 0,
    total: report.total.errors,
    connection: report.tables[connection]?.errors ?? 0,
    misattributed,
  }
}

/**
 * Runs `s`: the heap is measured after full collections before its setup and after its
 * teardown, so whatever the scenario leaves behind shows (the reports are reduced to
 * figures as they come, so nothing of them is held at the end).
 */
export async function runScenario(s: Scenario): Promise<ScenarioFigures> {
  const heapBefore = heapAfterGc()
  const f: ScenarioFigures = {
    scenario: s.name,
    contexts: s.contexts,
    attempted: 0,
    seen: 0,
    countedSystem: 0,
    countedTotal: 0,
    connection: 0,
    reports: 0,
    misattributed: 0,
    lost: 0,
    rawOps: 0,
    rawSeen: 0,
    kinds: {},
    heapBefore,
    heapAfter: 0,
  }
  await s.setup?.()
  const faults = [...s.faults].sort((a, b) => a.at - b.at)
  let ended = 0
  let next = 0
  // The raw loops keep the contexts' pace: one operation each per operation a context ends.
  let release = (): void => {}
  let tick = new Promise<void>((resolve) => {
    release = resolve
  })
  const beat = (): void => {
    release()
    tick = new Promise<void>((resolve) => {
      release = resolve
    })
  }
  const after = async (): Promise<void> => {
    ended++
    beat()
    for (let fault = faults[next]; fault !== undefined && ended >= fault.at; fault = faults[next]) {
      next++
      await fault.fire()
    }
  }
  let running = true
  const raw = Array.from({ length: s.raw?.loops ?? 0 }, async () => {
    for (let k = 0; running; k++) {
      f.rawOps++
      try {
        await s.raw?.op(k)
      } catch {
        f.rawSeen++
      }
      if (running) await tick
    }
  })
  const contexts = Array.from({ length: s.contexts }, async (_, i) => {
    let seen = 0
    const { report } = await measureCost(async () => {
      for (let k = 0; k < s.ops; k++) {
        try {
          await s.op(i, k)
        } catch (error) {
          seen++
          const kind = kindOf(error)
          f.kinds[kind] = (f.kinds[kind] ?? 0) + 1
        }
        await after()
      }
    })
    const t = tally(s, i, report)
    f.reports++
    f.attempted += s.ops
    f.seen += seen
    f.countedSystem += t.system
    f.countedTotal += t.total
    f.connection += t.connection
    f.misattributed += t.misattributed
    f.lost += s.ops - (t.count + t.connection)
  })
  await Promise.all(contexts)
  // A fault not fired (fewer operations ended than planned) would leave the proxy disturbed.
  for (const fault of faults.slice(next)) await fault.fire()
  next = faults.length
  running = false
  beat()
  await Promise.all(raw)
  await s.teardown?.()
  f.heapAfter = heapAfterGc()
  return f
}

/** One line per scenario, for the test output. */
export function figuresLine(system: string, f: ScenarioFigures): string {
  const mb = (n: number) => (n / 1048576).toFixed(1)
  return (
    `[faults] ${system} ${f.scenario}: contexts ${f.contexts}, operations ${f.attempted}, errors seen ${f.seen}, ` +
    `counted ${f.countedSystem} (${system}) / ${f.countedTotal} (total), of which (connection) ${f.connection}; ` +
    `reports ${f.reports}/${f.contexts}, misattributed ${f.misattributed}, lost ${f.lost}; ` +
    `raw beside: ${f.rawOps} operations, ${f.rawSeen} errors; heap ${mb(f.heapBefore)} -> ${mb(f.heapAfter)} MB; ` +
    `errors: ${JSON.stringify(f.kinds)}`
  )
}
