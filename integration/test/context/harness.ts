import { isDeepStrictEqual } from 'node:util'
import { type CostReport, lostContextStats, measureCost, resetLostContext } from '@querycost/core'
import { setCallbackBinding } from '@querycost/core/driver'
import { addExpected, type Expected, exactFigures, expected } from '../../src/expect-report.js'

/** How many requests run at once in each scenario: more than any pool has connections. */
export const CONTEXTS = 24

/**
 * One request's work in one async style: it adds what it does to `e` (the exact
 * figures its report must show) and returns what the request handler returns, a
 * promise or any other thenable.
 */
export type Scenario = (i: number, e: Expected) => unknown

/** What a run of {@link CONTEXTS} concurrent requests came to. */
export interface Outcome {
  /** Requests whose report differs from what they did. */
  wrong: number
  /** Operations counted outside any request. */
  lost: number
  reports: CostReport[]
}

/**
 * Starts {@link CONTEXTS} requests in the same tick, each running `scenario` in its own
 * cost context, and compares every report with its request's own work.
 */
export async function runScenario(scenario: Scenario, options: { rebinding?: boolean } = {}): Promise<Outcome> {
  resetLostContext()
  setCallbackBinding(options.rebinding ?? true)
  try {
    const expectations = Array.from({ length: CONTEXTS }, () => expected())
    const reports = await Promise.all(
      expectations.map((e, i) => measureCost(() => scenario(i, e), { name: `req-${i}` }).then(({ report }) => report)),
    )
    const wrong = reports.filter((r, i) => !isDeepStrictEqual(exactFigures(r), expectations[i])).length
    return { wrong, lost: lostContextStats().total.count, reports }
  } finally {
    setCallbackBinding(true)
  }
}

/** The `k` of the `step`-th operation of request `i`: how many rows it reads (1..5). */
export const rowsOf = (i: number, step: number): number => ((i + step) % 5) + 1

/** How many operations request `i` makes in a sequence (1..4). */
export const stepsOf = (i: number): number => (i % 4) + 1

export { addExpected, type Expected }
