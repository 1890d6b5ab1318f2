import os from 'node:os'
import { versionOf } from './load.js'

const PACKAGES = [
  'pg',
  'mysql2',
  'ioredis',
  'express',
  'autocannon',
  '@opentelemetry/sdk-trace-node',
  '@opentelemetry/instrumentation-pg',
  '@opentelemetry/instrumentation-mysql2',
  '@opentelemetry/instrumentation-ioredis',
  '@opentelemetry/instrumentation-http',
  '@opentelemetry/instrumentation-express',
  '@querycost/core',
]

/** What a result depends on: the machine, its load, the versions. */
export function machine() {
  const cpus = os.cpus()
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    loadavg: os.loadavg().map((l) => Number(l.toFixed(2))),
    node: process.version,
    versions: Object.fromEntries(PACKAGES.map((p) => [p, versionOf(p)])),
  }
}
