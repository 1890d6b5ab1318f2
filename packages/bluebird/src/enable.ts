import { hasAsyncHooksOption, loadedCopies, pathOf, versionAt } from './copies.js'
import { BluebirdContextError } from './errors.js'
import { hooksOn } from './hooks.js'
import { resolveBluebird } from './resolve.js'
import type { BluebirdLike } from './types.js'
import { verify } from './verify.js'

/** Options of {@link enable}. */
export interface EnableOptions {
  /**
   * Also run the behavioural probe ({@link verify}) in the background; a failure is
   * written once to stderr as a structured line (it cannot throw from here).
   * @default true
   */
  probe?: boolean
}

function isBluebird(value: unknown): value is BluebirdLike {
  return (
    typeof value === 'function' &&
    typeof (value as { config?: unknown }).config === 'function' &&
    typeof (value as { map?: unknown }).map === 'function'
  )
}

/**
 * Turns on Bluebird's async hooks (`Promise.config({ asyncHooks: true })`), so a
 * callback added to a Bluebird promise runs in the request that added it: Bluebird
 * otherwise runs all the callbacks queued in one tick in the first one's context, and
 * queries made from them are counted in the wrong request. Call it once at start-up,
 * on the Bluebird your code (or your driver, as its promise library) uses; with no
 * argument, on the one `require('bluebird')` finds from the working directory. Returns
 * that Bluebird.
 *
 * Throws a {@link BluebirdContextError} naming the fix when it cannot: a Bluebird older
 * than 3.7 (`QC_BLUEBIRD_TOO_OLD`), a copy whose configuration no longer takes
 * (`QC_BLUEBIRD_NOT_CONFIGURABLE`), or another copy of Bluebird loaded in the process
 * without hooks (`QC_BLUEBIRD_SECOND_COPY`).
 *
 * @example
 * import Bluebird from 'bluebird'
 * import { enable } from '@querycost/bluebird'
 * global.Promise = enable(Bluebird)            // or just enable(Bluebird)
 * const pool = instrument(mysql.createPool({ uri, Promise: Bluebird }))
 */
export function enable<B>(Bluebird?: B, options: EnableOptions = {}): B {
  const target = Bluebird === undefined ? resolveBluebird() : Bluebird
  if (!isBluebird(target)) {
    throw new BluebirdContextError('QC_BLUEBIRD_NOT_BLUEBIRD', 'enable() takes the Bluebird constructor, e.g. enable(require("bluebird"))')
  }
  const path = pathOf(target)
  const version = versionAt(path)
  const where = path === undefined ? '' : ` (loaded from ${path})`
  if (version !== undefined && !hasAsyncHooksOption(version)) {
    throw new BluebirdContextError(
      'QC_BLUEBIRD_TOO_OLD',
      `Bluebird ${version}${where} has no async hooks; they came in 3.7. Upgrade: npm install bluebird@^3.7.2`,
    )
  }
  try {
    target.config({ asyncHooks: true })
  } catch (error) {
    throw new BluebirdContextError(
      'QC_BLUEBIRD_NOT_CONFIGURABLE',
      `Bluebird${where} refused config({ asyncHooks: true }): ${String(error)}. Call enable() on an unfrozen Bluebird, before other code seals it`,
      { cause: error },
    )
  }
  if (hooksOn(target) === false) {
    throw new BluebirdContextError(
      'QC_BLUEBIRD_NOT_CONFIGURABLE',
      `Bluebird${where}${version === undefined ? '' : ` ${version}`} did not turn its async hooks on: it is older than 3.7 or can no longer be configured. Use Bluebird 3.7 or later (npm install bluebird@^3.7.2) and call enable() at start-up, before other code wraps or replaces it`,
    )
  }
  checkOtherCopies(target)
  if (options.probe !== false) {
    verify(target).catch((error: unknown) => {
      process.stderr.write(
        `${JSON.stringify({ level: 'error', msg: 'querycost: Bluebird loses the cost context', error: String(error) })}\n`,
      )
    })
  }
  return target as B
}

/** Fails when another loaded copy of Bluebird has no hooks: work on it would lose its request. */
function checkOtherCopies(configured: unknown): void {
  const others = loadedCopies().filter((copy) => copy.Bluebird !== configured && hooksOn(copy.Bluebird) === false)
  if (others.length === 0) return
  const list = others.map((copy) => `${copy.path}${versionAt(copy.path) === undefined ? '' : ` (${versionAt(copy.path)})`}`).join(', ')
  throw new BluebirdContextError(
    'QC_BLUEBIRD_SECOND_COPY',
    `another copy of Bluebird is loaded without async hooks: ${list}. Promises from it lose the request. ` +
      '`npm ls bluebird` shows which packages bring each copy; `npm dedupe` (or an `overrides` entry) can make them one, ' +
      'or call enable() on that copy too: enable(createRequire(<path of the package that uses it>)("bluebird"))',
  )
}
