import { performance } from 'node:perf_hooks'
import { resolveLimits } from '../report/limits.js'
import { buildReport } from '../report/report.js'
import type { CostReport } from '../report/types.js'
import { finishContext, openContext } from './lifecycle.js'
import { state } from './store.js'
import { followInContext, isThenable } from './thenable.js'
import type { CostOptions } from './types.js'

/**
 * Runs `fn` in a new cost context and returns its result unchanged. When `fn` (or the
 * promise it returns) settles, the context ends and its report goes to
 * `options.onReport` and the configured sinks. Contexts do not nest: operations count
 * in the innermost one. A thenable that is not a native promise (a Knex or Drizzle
 * query builder) has its `then` called inside the context, so the statement it sends
 * then is counted in it.
 *
 * @example
 * await runWithCost(() => nightlyJob(), { name: 'job:nightly', onReport: (r) => log.info(r) })
 */
export function runWithCost<T>(fn: () => T, options: CostOptions = {}): T {
  const context = openContext(options)
  let result: T
  try {
    result = state.als.run(context, fn)
  } catch (error) {
    finishContext(context)
    throw error
  }
  if (!isThenable(result)) {
    finishContext(context)
    return result
  }
  // Handing back the derived promise keeps an unhandled rejection unhandled.
  return followInContext(context, result).then(
    (value) => {
      finishContext(context)
      return value
    },
    (error: unknown) => {
      finishContext(context)
      throw error
    },
  ) as T
}

/**
 * Runs `fn` in a new cost context and resolves with its result and the report. An
 * error from `fn` is rethrown unchanged (the report still reaches `onReport`).
 *
 * @example
 * const { result, report } = await measureCost(() => handler(req), { name: 'GET /users/:id' })
 */
export async function measureCost<T>(fn: () => T | PromiseLike<T>, options: CostOptions = {}): Promise<{ result: T; report: CostReport }> {
  const context = openContext(options)
  let result: T
  try {
    const value = state.als.run(context, fn)
    result = (await (isThenable(value) ? followInContext(context, value) : value)) as T
  } finally {
    finishContext(context)
  }
  return { result, report: context.report as CostReport }
}

/**
 * The report of the current cost context so far, or `undefined` outside one.
 *
 * @example
 * if ((currentCost()?.total.count ?? 0) > 100) log.warn('this request is getting expensive')
 */
export function currentCost(): CostReport | undefined {
  const context = state.als.getStore()
  if (context === undefined) return undefined
  if (context.report !== undefined) return context.report
  return buildReport(context, performance.now(), resolveLimits(context))
}
