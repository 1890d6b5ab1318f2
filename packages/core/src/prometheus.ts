// `@querycost/core/prometheus`: apart from the main entry so that `import '@querycost/core'`
// never loads `prom-client`, an optional peer.
export type { MetricLimits } from './sinks/label-limit.js'
export type { PrometheusSinkOptions } from './sinks/prometheus.js'
export { prometheusSink } from './sinks/prometheus.js'
