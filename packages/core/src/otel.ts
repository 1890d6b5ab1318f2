// `@querycost/core/otel`: apart from the main entry so that `import '@querycost/core'`
// never loads `@opentelemetry/api`, an optional peer.
export type { MetricLimits } from './sinks/label-limit.js'
export type { OtelSinkOptions } from './sinks/otel.js'
export { otelSink, spanAttributes } from './sinks/otel.js'
