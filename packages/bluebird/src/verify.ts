import { BluebirdContextError } from './errors.js'
import { probe } from './probe.js'
import { resolveBluebird } from './resolve.js'
import type { BluebirdLike } from './types.js'

/**
 * Proves that a context survives Bluebird chains (`then`, `delay`, `map` with a
 * concurrency, `each`) run by several contexts at once; rejects with a
 * {@link BluebirdContextError} (`QC_BLUEBIRD_CONTEXT_LOST`) naming the steps that lost
 * it. For a start-up check or a test; {@link enable} runs it in the background.
 *
 * @example
 * await verify(Bluebird)
 */
export async function verify(Bluebird?: unknown): Promise<void> {
  const target = (Bluebird === undefined ? resolveBluebird() : Bluebird) as BluebirdLike
  const wrong = await probe(target)
  if (wrong.length === 0) return
  throw new BluebirdContextError(
    'QC_BLUEBIRD_CONTEXT_LOST',
    `a context did not survive Bluebird's ${wrong.join(', ')}: call enable(Bluebird) on the copy your code uses, at start-up (and \`npm ls bluebird\` for other copies)`,
  )
}
