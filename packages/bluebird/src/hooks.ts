import { AsyncResource } from 'node:async_hooks'
import type { BluebirdInternals } from './types.js'

/**
 * Whether `Bluebird` now keeps an `AsyncResource` per callback, which is what its
 * `asyncHooks` option turns on: the callback later runs in the scope it was added in.
 * `undefined` when this copy does not show it (not Bluebird 3): only the probe can tell.
 */
export function hooksOn(Bluebird: unknown): boolean | undefined {
  const getContext = (Bluebird as BluebirdInternals)._getContext
  if (typeof getContext !== 'function') return undefined
  try {
    return getContext()?.async instanceof AsyncResource
  } catch {
    return undefined
  }
}
