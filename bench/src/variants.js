import { lostContextStats, runWithCost } from '@querycost/core'
import { config } from './config.js'
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
 * cost of opening and reporting 2000 contexts; the workers wait between rounds.
 */
export function saturated(op, concurrency = config.concurrency) {
  return () => {
    const state = { next: 0, n: 0, active: 0, go: deferred(), done: undefined, closed: false }
    let workers
    const work = (client) => async () => {
      for (;;) {
        const go = state.go
        await go.promise
        if (state.closed) return
        while (state.next < state.n) await op(client, state.next++)
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
}

/**
 * The three variants of a shape, in one process on one driver module:
 * raw (OTel disabled, plain client), querycost (OTel disabled, the client wrapped by
 * `instrument()`, the work inside `runWithCost`), otel (the driver's OpenTelemetry
 * instrumentation enabled, the work under an active parent span, the plain client).
 */
export function threeVariants({ driver, runner, raw, wrapped, shape }) {
  let spans0 = 0
  const noSpans = () => {
    const made = spanCount() - spans0
    return made === 0 ? undefined : `${made} spans made with OpenTelemetry disabled`
  }
  const rawRunner = runner()
  const variants = [
    {
      name: 'raw',
      run: (n) => {
        spans0 = spanCount()
        return rawRunner.run(raw, n, (fn) => fn())
      },
      check: noSpans,
      close: () => rawRunner.close(),
    },
  ]
  if (wrapped !== undefined) {
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
  const otelRunner = runner()
  variants.push({
    name: 'otel',
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
