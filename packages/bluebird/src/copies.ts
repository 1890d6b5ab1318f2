import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const require = createRequire(import.meta.url)
/** Bluebird's main module (`bluebird/js/release/bluebird.js`, or its browser build's twin). */
const MAIN = /[\\/]bluebird[\\/]js[\\/](?:release|browser)[\\/]bluebird(?:\.core)?(?:\.min)?\.js$/

/** One copy of Bluebird loaded in this process. */
export interface LoadedCopy {
  /** Its main module's path. */
  readonly path: string
  /** What that module exports: the copy's Promise constructor. */
  readonly Bluebird: unknown
}

/**
 * Every copy of Bluebird loaded so far (through `require`, or `import` of the CommonJS
 * package, which fills the same module cache).
 */
export function loadedCopies(): LoadedCopy[] {
  const copies: LoadedCopy[] = []
  for (const [path, module] of Object.entries(require.cache)) {
    if (module !== undefined && MAIN.test(path)) copies.push({ path, Bluebird: module.exports })
  }
  return copies
}

/** Where `Bluebird` was loaded from, when it is a loaded copy's export. */
export function pathOf(Bluebird: unknown): string | undefined {
  return loadedCopies().find((copy) => copy.Bluebird === Bluebird)?.path
}

/** The version in the `package.json` of the copy whose main module is at `path`. */
export function versionAt(path: string | undefined): string | undefined {
  if (path === undefined) return undefined
  try {
    const pkg = JSON.parse(readFileSync(join(dirname(path), '..', '..', 'package.json'), 'utf8')) as { name?: string; version?: string }
    return pkg.name === 'bluebird' ? pkg.version : undefined
  } catch {
    return undefined
  }
}

/** Whether `version` (`x.y.z`) is at least 3.7, the first Bluebird with async hooks. */
export function hasAsyncHooksOption(version: string): boolean {
  const [major = 0, minor = 0] = version.split('.').map(Number)
  return major > 3 || (major === 3 && minor >= 7)
}
