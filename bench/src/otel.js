import { createRequire } from 'node:module'

// OpenTelemetry as users install it: a NodeTracerProvider with the standard
// BatchSpanProcessor, an exporter that drops everything (it only counts), and the
// contrib instrumentations for each driver. They patch through require hooks, so this
// module must be set up before any driver is required (see load.js).
const require = createRequire(import.meta.url)
const { trace, context } = require('@opentelemetry/api')
const { NodeTracerProvider, BatchSpanProcessor } = require('@opentelemetry/sdk-trace-node')
const { registerInstrumentations } = require('@opentelemetry/instrumentation')

/** A SpanExporter that drops spans, counting them so a run can prove OTel was on. */
class CountingExporter {
  count = 0
  export(spans, done) {
    this.count += spans.length
    done({ code: 0 })
  }
  shutdown() {
    return Promise.resolve()
  }
  forceFlush() {
    return Promise.resolve()
  }
}

let state

/**
 * Registers the provider and the instrumentations of the given drivers (all disabled
 * once the drivers are loaded: call `loaded()` after requiring them).
 */
export function setupOtel(drivers) {
  if (state !== undefined) return state
  const exporter = new CountingExporter()
  const processor = new BatchSpanProcessor(exporter)
  const provider = new NodeTracerProvider({ spanProcessors: [processor] })
  provider.register()
  const factories = {
    pg: () => new (require('@opentelemetry/instrumentation-pg').PgInstrumentation)(),
    mysql2: () => new (require('@opentelemetry/instrumentation-mysql2').MySQL2Instrumentation)(),
    ioredis: () => new (require('@opentelemetry/instrumentation-ioredis').IORedisInstrumentation)(),
    mongodb: () => new (require('@opentelemetry/instrumentation-mongodb').MongoDBInstrumentation)(),
  }
  const instrumentations = {}
  for (const name of drivers) instrumentations[name] = factories[name]()
  registerInstrumentations({ instrumentations: Object.values(instrumentations), tracerProvider: provider })
  state = { exporter, processor, provider, instrumentations, tracer: provider.getTracer('querycost-bench') }
  return state
}

/** Turns every driver instrumentation off: the raw and querycost variants run this way. */
export function otelOff() {
  for (const i of Object.values(state.instrumentations)) i.disable()
}

/** Turns one driver's instrumentation on for the OpenTelemetry variant. */
export function otelOn(driver) {
  state.instrumentations[driver].enable()
}

/** Runs `fn` under an active parent span (a request span, as an HTTP server would make). */
export function withParentSpan(fn) {
  return state.tracer.startActiveSpan('bench.request', async (span) => {
    try {
      return await fn()
    } finally {
      span.end()
    }
  })
}

/** Exports what the batch processor holds; part of OpenTelemetry's cost in a round. */
export function flushSpans() {
  return state.processor.forceFlush()
}

/** Spans exported so far. */
export function spanCount() {
  return state.exporter.count
}

export { context, trace }
