import { setTimeout as sleep } from 'node:timers/promises'

/** Polls `condition` every few milliseconds; rejects, naming `what`, after `timeoutMs`. */
export async function waitFor(condition, what, timeoutMs = 5000) {
  const deadline = performance.now() + timeoutMs
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`demo: timed out waiting for ${what}`)
    await sleep(5)
  }
}
