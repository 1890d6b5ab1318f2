import { performance } from 'node:perf_hooks'
import { callHook } from '../driver/guard.js'
import { LimitError } from '../report/limit-error.js'
import { resolveLimits } from '../report/limits.js'
import { buildReport } from '../report/report.js'
import type { CostReport } from '../report/types.js'
import { CostContext } from './cost-context.js'
import { state } from './store.js'
import type { CostOptions } from './types.js'

// A context's two ends, apart from the class: the class imports neither the process's state
// nor the report builder, so the modules that name a context (store, report, limits, the
// event-loop tracker) import nothing that imports them back.

/** A new cost context under the process's current settings. */
export function openContext(options: CostOptions): CostContext {
  return new CostContext(options, state.config)
}

/**
 * Closes `context` once: builds the report, checks limits and hands it on. In strict
 * mode (`configure({ strict: true })`), then throws a {@link LimitError} if a limit was
 * broken. Again on a closed context, it gives the same report and does nothing else.
 */
export function finishContext(context: CostContext): CostReport {
  if (context.report !== undefined) return context.report
  const report = buildReport(context, performance.now(), resolveLimits(context))
  context.report = report
  state.loop?.forget(context)
  callHook('onReport', context.options.onReport, report)
  callHook('configure({ onReport })', state.config.onReport, report)
  for (const violation of report.violations) callHook('onViolation', state.config.onViolation, violation, report)
  if (state.config.strict && report.violations.length > 0) throw new LimitError(report)
  return report
}
