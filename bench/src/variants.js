import { performance } from 'node:perf_hooks'
import { lostContextStats, runWithCost } from '@querycost/core'
import { activeContext } from '@querycost/core/driver'
import { config, variantSelected } from './config.js'
import { coreAccounting } from './core-accounting.js'
import { flushSpans, otelOff, otelOn, spanCount, withParentSpan } from './otel.js'

/**
 * A runner sends `n` operations through a client: `run(client, n, wrap)`, where `wrap`
 * opens the variant's context (none, a querycost context, a parent span) around a
 * unit of work; `close()` ends whatever it keeps open.
 */

/** One operation at a time, in one context per round. */
export function serial(op) {
  return () => ({
    persistent: false,
    run: (client, n, wrap) =>
      wrap(async () => {
        for (let i = 0; i < n; i++) await op(client, i)
      }),
    close: async () => {},
  })
}

function deferred() {
  let resolve
  const promise = new Promise((r) => {
    resolve = r
  })
  return { promise, resolve }
}

/**
 * `concurrency` operations in flight: as many workers, each awaiting its next operation
 * as soon as the last settles. Each worker is one long-lived context (a request that
 * stays open for the whole shape) so a round measures the cost per operation, not the
 * cost of opening and reporting 2000 contexts; the workers wait between rounds. With
 * `perWorker`, `op` is a factory each worker calls once for an op of its own (one that
 * keeps state from one of its operations to the next).
 */
export function saturated(op, { concurrency = config.concurrency, perWorker = false } = {}) {
  const runner = () => {
    const state = { next: 0, n: 0, active: 0, go: deferred(), done: undefined, closed: false }
    let workers
    const work = (client) => async () => {
      const send = perWorker ? op() : op
      for (;;) {
        const go = state.go
        await go.promise
        if (state.closed) return
        while (state.next < state.n) await send(client, state.next++)
        if (--state.active === 0) state.done.resolve()
      }
    }
    return {
      persistent: true,
      run(client, n, wrap) {
        if (workers === undefined) workers = Array.from({ length: concurrency }, () => wrap(work(client)))
        const go = state.go
        state.go = deferred()
        state.done = deferred()
        state.next = 0
        state.n = n
        state.active = concurrency
        go.resolve()
        return state.done.promise
      },
      async close() {
        if (workers === undefined) return
        state.closed = true
        state.go.resolve()
        await Promise.all(workers)
      },
    }
  }
  runner.inFlight = concurrency
  return runner
}

/**
 * The fewest operations a round may have with `inFlight` operations in flight: twice
 * that, so the full count is in flight for at least half of every round (each round
 * starts them all at once and ends draining them).
 */
export function minRoundOps(inFlight) {
  return 2 * inFlight
}

/**
 * A variant that runs `client` through a runner of `runnerOf` (`saturated(op)`,
 * `serial(op)`), each unit of work opened by `wrap` (a context, or none).
 */
export function variantOf(name, runnerOf, client, wrap = (fn) => fn()) {
  const r = runnerOf()
  return { name, run: (n) => r.run(client, n, wrap), close: () => r.close() }
}

/** CPU each operation of the `control` variant burns on top of raw: a known cost, for scale. */
export const CONTROL_NS = 1000

let sink = 0

/** Busy arithmetic, no allocation (a clock read per iteration would allocate: `hrtime.bigint()`). */
export function burn(iterations) {
  let x = sink
  for (let i = 0; i < iterations; i++) x = (x * 1103515245 + 12345) | 0
  sink = x
}

/** CPU ns per call of `burn(iterations)`, called as the control calls it: many short bursts. */
function burnCost(iterations) {
  const calls = 50_000
  let best = Number.POSITIVE_INFINITY
  for (let k = 0; k < 5; k++) {
    const c0 = process.cpuUsage()
    for (let j = 0; j < calls; j++) burn(iterations)
    const c = process.cpuUsage(c0)
    best = Math.min(best, ((c.user + c.system) * 1000) / calls)
  }
  return best
}

/** Iterations of {@link burn} that take `ns` of CPU on this machine, measured once. */
export function calibrateBurn(ns) {
  let iterations = 200
  for (let k = 0; k < 3; k++) iterations = Math.max(1, Math.round((iterations * ns) / burnCost(iterations)))
  return iterations
}

/**
 * The control variant: the raw client, each operation preceded by exactly
 * {@link CONTROL_NS} of busy CPU (no allocation). It says what the shape can resolve:
 * where the control reads far from 1 µs added, so would querycost's figure.
 */
export function controlVariant({ op, client }) {
  const iterations = calibrateBurn(CONTROL_NS)
  const withBurn = (c, i) => {
    burn(iterations)
    return op(c, i)
  }
  return variantOf('control', saturated(withBurn), client)
}

/** What the floor keeps for one operation until it ends: as many fields as core's `Operation`. */
class FloorRecord {
  constructor(target, context, startS, startUs) {
    this.target = target
    this.context = context
    this.startS = startS
    this.startUs = startUs
  }
}

/**
 * The floor's `op` for one worker (call the result once per worker). Each operation, as it
 * is sent, finds its context (`activeContext()`, the AsyncLocalStorage lookup every
 * operation needs to land in its request), reads the clock and keeps a
 * {@link FloorRecord} until it ends; as the worker resumes, a second clock read ends it,
 * and its time and a count are summed on the worker's own object.
 */
function floorAccounting(op) {
  return () => {
    const sums = { count: 0, us: 0 }
    let last
    return (c, i) => {
      if (last !== undefined) sums.us += Math.round((performance.now() - last.startS * 1000) * 1000) - last.startUs
      sums.count++
      const now = performance.now()
      const s = Math.floor(now / 1000)
      last = new FloorRecord(sums, activeContext(), s, Math.round((now - s * 1000) * 1000))
      return op(c, i)
    }
  }
}

/**
 * The floor variant: a hand-written minimum of what an accounting keeping DESIGN.md's
 * contract does per operation, on a raw client of its own. Each worker runs in a querycost
 * context, as the core and querycost variants' do; each operation finds its context, reads
 * the clock twice and keeps a record until it ends ({@link floorAccounting}). No slot, no
 * Map, no guard, no report. Where the floor reads above the budget, the budget asks for
 * less than this hand-written minimum costs in that shape. `lab/profile/contexts.js` runs it
 * as one step of its ladder (the contexts alone, the lookup, the clock reads, the floor).
 */
export function floorVariant({ op, client }) {
  return variantOf('floor', saturated(floorAccounting(op), { perWorker: true }), client, (fn) => runWithCost(fn, { name: 'floor' }))
}

/**
 * The core variant: the raw client, each worker in a querycost context, each operation
 * begun through querycost's core as it is sent (`beginOperation`: the context lookup, a
 * clock read, the context's in-flight count) and ended as its worker resumes, before the
 * worker sends its next (a clock read, the context's figures). No driver wrapper, no
 * callback of querycost's, no text lookup: the part of querycost's figure that core pays on
 * every operation whatever the driver, which no driver package can take back.
 */
export function coreVariant({ op, client, driver }) {
  return variantOf('core', saturated(coreAccounting(op, driver), { perWorker: true }), client, (fn) =>
    runWithCost(fn, { name: `${driver} core` }),
  )
}

/**
 * The three variants of a shape, in one process on one driver module: raw (OTel disabled,
 * plain client), querycost (OTel disabled, the client wrapped by `instrument()`, the work
 * inside `runWithCost`), otel (the driver's OpenTelemetry instrumentation enabled, the work
 * under an active parent span, the plain client). The research variants run when their
 * client is given (`benchShape` makes one only when BENCH_VARIANTS names it): `raw2`,
 * `control`, `core` and `floor` (each `{ op, client }` but `raw2`, a client).
 */
export function threeVariants({ driver, runner, raw, raw2, wrapped, shape, control, core, floor }) {
  let spans0 = 0
  const noSpans = () => {
    const made = spanCount() - spans0
    return made === 0 ? undefined : `${made} spans made with OpenTelemetry disabled`
  }
  // A plain client, OTel disabled, no context.
  const plain = (name, client) => {
    const r = runner()
    return {
      name,
      run: (n) => {
        spans0 = spanCount()
        return r.run(client, n, (fn) => fn())
      },
      check: noSpans,
      close: () => r.close(),
    }
  }
  const variants = [plain('raw', raw)]
  // With `raw2`, a second raw client, identical to raw: what two clients differ by here.
  if (raw2 !== undefined) variants.push(plain('raw2', raw2))
  // With `control: { op, client }` (saturated shapes), the 1 µs control runs after raw (and raw2).
  if (control !== undefined) variants.push(controlVariant(control))
  // With `core: { op, client }` (in-process shapes), core's accounting alone, on a raw client of its own.
  if (core !== undefined) variants.push(coreVariant({ ...core, driver }))
  // With `floor: { op, client }` (in-process shapes), the floor, on a client of its own.
  if (floor !== undefined) variants.push(floorVariant(floor))
  if (wrapped !== undefined && variantSelected('querycost')) {
    const qcRunner = runner()
    let counted = 0
    let sent = 0
    let lost0 = 0
    const onReport = (report) => {
      counted += report.total.count
    }
    variants.push({
      name: 'querycost',
      run: (n) => {
        spans0 = spanCount()
        lost0 = lostContextStats().total.count
        sent += n
        return qcRunner.run(wrapped, n, (fn) => runWithCost(fn, { name: `${driver} ${shape}`, onReport }))
      },
      check: () => {
        const lost = lostContextStats().total.count - lost0
        if (lost !== 0) return `${lost} operations ran outside any context`
        // Long-lived contexts report when the shape closes; per-round contexts now.
        if (!qcRunner.persistent && counted !== sent) return `querycost counted ${counted} operations of ${sent}`
        return noSpans()
      },
      close: async () => {
        await qcRunner.close()
        return counted === sent ? undefined : `querycost reports counted ${counted} operations of ${sent} sent`
      },
    })
  }
  if (!variantSelected('otel')) return variants
  const otelRunner = runner()
  variants.push({
    name: 'otel',
    heavy: true, // measured in rounds of its own with raw (see runRounds)
    run: async (n) => {
      spans0 = spanCount()
      otelOn(driver)
      try {
        await otelRunner.run(raw, n, withParentSpan)
      } finally {
        otelOff()
      }
    },
    after: flushSpans,
    check: (n) => {
      const made = spanCount() - spans0
      return made >= n ? undefined : `OpenTelemetry exported ${made} spans for ${n} operations`
    },
    close: () => otelRunner.close(),
  })
  return variants
}
