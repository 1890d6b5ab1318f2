import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { BluebirdContextError, enable, verify } from '../src/index.js'

const require = createRequire(import.meta.url)
type Bluebird = typeof import('bluebird')
const Bluebird = require('bluebird') as Bluebird
/** A fresh copy of Bluebird, hooks off, independent of the one `require` returns. */
const freshCopy = (): Bluebird => Bluebird.getNewLibraryCopy() as unknown as Bluebird

const scratch = mkdtempSync(join(tmpdir(), 'qc-bluebird-'))
afterAll(() => {
  for (const path of Object.keys(require.cache)) if (path.startsWith(scratch)) delete require.cache[path]
  rmSync(scratch, { recursive: true, force: true })
})

/** A module laid out like Bluebird's (`node_modules/bluebird/js/release/bluebird.js`) with the given body. */
function fakeBluebird(name: string, version: string, body: string): unknown {
  const root = join(scratch, name, 'node_modules', 'bluebird')
  mkdirSync(join(root, 'js', 'release'), { recursive: true })
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'bluebird', version, main: './js/release/bluebird.js' }))
  writeFileSync(join(root, 'js', 'release', 'bluebird.js'), body)
  const main = join(root, 'js', 'release', 'bluebird.js')
  const made = require(main)
  fakes.push(main)
  return made
}

/** Unloads the fake copies, so later tests see only real Bluebirds. */
const fakes: string[] = []
afterEach(() => {
  for (const path of fakes.splice(0)) delete require.cache[path]
})

async function codeOf(run: () => unknown): Promise<string | undefined> {
  try {
    await run()
  } catch (error) {
    expect(error).toBeInstanceOf(BluebirdContextError)
    return (error as BluebirdContextError).code
  }
  return undefined
}

describe('enable', () => {
  it('negative control: without hooks, the probe finds contexts lost in then, delay, map and each', async () => {
    const plain = freshCopy()
    const error = await verify(plain).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(BluebirdContextError)
    expect((error as BluebirdContextError).code).toBe('QC_BLUEBIRD_CONTEXT_LOST')
    expect((error as Error).message).toMatch(/then/)
    expect((error as Error).message).toMatch(/enable\(Bluebird\)/)
  })

  it('with no argument, configures the Bluebird that require("bluebird") finds', async () => {
    expect(enable(undefined, { probe: false })).toBe(Bluebird)
    await expect(verify()).resolves.toBeUndefined()
  })

  it('turns the hooks on a copy and returns it; the probe then passes', async () => {
    const copy = freshCopy()
    expect(enable(copy, { probe: false })).toBe(copy)
    await expect(verify(copy)).resolves.toBeUndefined()
    expect(enable(copy, { probe: false })).toBe(copy) // twice is harmless
  })

  it('refuses what is not Bluebird, naming the fix', async () => {
    expect(await codeOf(() => enable(Promise as never))).toBe('QC_BLUEBIRD_NOT_BLUEBIRD')
    expect(() => enable({} as never)).toThrow(/enable\(require\("bluebird"\)\)/)
  })

  it('a copy that can no longer be configured (frozen) fails with a clear error', async () => {
    const frozen = Object.freeze(freshCopy())
    expect(await codeOf(() => enable(frozen, { probe: false }))).toBe('QC_BLUEBIRD_NOT_CONFIGURABLE')
  })

  it('a Bluebird older than 3.7 fails with the upgrade to make', async () => {
    const old = fakeBluebird(
      'old',
      '3.5.5',
      'function P() {}; P.config = function () { return P }; P.map = function () {}; module.exports = P',
    )
    expect(await codeOf(() => enable(old, { probe: false }))).toBe('QC_BLUEBIRD_TOO_OLD')
    expect(() => enable(old, { probe: false })).toThrow(/3\.5\.5 .*npm install bluebird@\^3\.7\.2/)
  })

  it('a copy whose config does not take fails rather than pretending', async () => {
    const deaf = fakeBluebird(
      'deaf',
      '3.7.2',
      'function P() {}; P.config = function () { return P }; P.map = function () {}; P._getContext = function () { return { async: null } }; module.exports = P',
    )
    expect(await codeOf(() => enable(deaf, { probe: false }))).toBe('QC_BLUEBIRD_NOT_CONFIGURABLE')
  })

  it('a second copy of Bluebird loaded without hooks fails, saying how to find it; enabling it too fixes it', async () => {
    // A real second install, as a dependency with its own node_modules/bluebird brings.
    const source = dirname(require.resolve('bluebird/package.json'))
    const target = join(scratch, 'dep', 'node_modules', 'bluebird')
    cpSync(source, target, { recursive: true })
    const second = require(join(target, 'js', 'release', 'bluebird.js')) as Bluebird
    expect(second).not.toBe(Bluebird)
    let message = ''
    try {
      enable(Bluebird, { probe: false })
    } catch (error) {
      expect((error as BluebirdContextError).code).toBe('QC_BLUEBIRD_SECOND_COPY')
      message = (error as Error).message
    }
    expect(message).toContain(target)
    expect(message).toContain('npm ls bluebird')
    enable(second, { probe: false })
    expect(enable(Bluebird, { probe: false })).toBe(Bluebird)
    await expect(verify(second)).resolves.toBeUndefined()
  })
})
