import { type CostReport, currentCost, measureCost } from '@querycost/core'
import { sleep } from './expect-report.js'

/** What `currentCost()` showed while a pooled call waited. */
export interface WhileWaiting {
  poolWaitMs: number
  count: number
}

/**
 * Runs `startWaiting` (a pooled call that must wait: the pool's one connection is held)
 * in a cost context, reads `currentCost()` after `ms`, then `release`s the held
 * connection and awaits the call: what the report showed while it waited, and the final
 * report.
 */
export async function reportWhileWaiting(
  startWaiting: () => Promise<unknown>,
  release: () => void,
  ms = 60,
): Promise<{ during: WhileWaiting; report: CostReport }> {
  let during: WhileWaiting = { poolWaitMs: -1, count: -1 }
  const { report } = await measureCost(async () => {
    const waiting = startWaiting()
    await sleep(ms)
    const now = currentCost()
    if (now !== undefined) during = { poolWaitMs: now.poolWaitMs, count: now.total.count }
    release()
    await waiting
  })
  return { during, report }
}
