import { AsyncLocalStorage } from 'node:async_hooks'
import type { BluebirdLike, BluebirdPromiseLike } from './types.js'

const CONTEXTS = 4

/**
 * Runs the same Bluebird chain (`then`, `delay`, `map` with a concurrency, `each`) in
 * several contexts at once, from one promise settled outside all of them, as a driver's
 * reply is, and returns the steps where a callback saw another context than its own.
 * Without async hooks, Bluebird runs every callback queued in one tick in the context
 * of the first, so the others see the wrong one.
 */
export async function probe(Bluebird: BluebirdLike): Promise<string[]> {
  const als = new AsyncLocalStorage<number>()
  const wrong = new Set<string>()
  const start = Bluebird.resolve()
  const check = (step: string, own: number) => (): void => {
    if (als.getStore() !== own) wrong.add(step)
  }
  const chain = (own: number): BluebirdPromiseLike =>
    start
      .then(check('then', own))
      .delay(1)
      .then(check('delay', own))
      .then(() => Bluebird.map([1, 2, 3], check('map', own), { concurrency: 2 }))
      .then(() => Bluebird.each([1, 2], check('each', own)))
  const runs = Array.from({ length: CONTEXTS }, (_, own) => als.run(own, () => chain(own)))
  await Promise.all(runs)
  return [...wrong]
}
