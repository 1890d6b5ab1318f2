import type { CostReport, Violation } from '../report/types.js'
import type { CostConfig } from './types.js'

function logViolation(violation: Violation, report: CostReport): void {
  process.stderr.write(`${JSON.stringify({ level: 'error', msg: 'querycost limit exceeded', name: report.name, ...violation })}\n`)
}

/** The defaults {@link configure} merges over. */
export const DEFAULT_CONFIG: Readonly<CostConfig> = Object.freeze({
  repeatThreshold: 10,
  maxTables: 100,
  maxOperationsPerTable: 32,
  maxShapes: 1000,
  maxRepeatedListed: 20,
  limits: undefined,
  routeLimits: Object.freeze({}),
  onReport: undefined,
  onViolation: logViolation,
  strict: false,
  eventLoop: false,
})
