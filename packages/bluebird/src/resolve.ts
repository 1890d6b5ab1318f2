import { createRequire } from 'node:module'
import { join } from 'node:path'
import { BluebirdContextError } from './errors.js'

/**
 * The Bluebird the application resolves: `require('bluebird')` from the working
 * directory (the application's root, as `npm start` runs it), else from this package.
 */
export function resolveBluebird(): unknown {
  const from = [join(process.cwd(), 'noop.js'), import.meta.url]
  for (const base of from) {
    try {
      return createRequire(base)('bluebird')
    } catch {
      // Not found from there: try the next place.
    }
  }
  throw new BluebirdContextError(
    'QC_BLUEBIRD_NOT_FOUND',
    "enable() found no 'bluebird' to configure from the working directory; pass the one your code uses: enable(require('bluebird'))",
  )
}
