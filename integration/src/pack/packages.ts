import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository's root folder. */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url))

/** One public workspace package: what `npm pack` would publish. */
export interface PublicPackage {
  name: string
  dir: string
  version: string
  peerDependencies: Record<string, string>
}

/** Every package under `packages/` that is not private, in a stable order. */
export function publicPackages(): PublicPackage[] {
  const base = join(ROOT, 'packages')
  return readdirSync(base, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => {
      const dir = join(base, entry.name)
      const json = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
      return { name: json.name, dir, version: json.version, private: json.private === true, peerDependencies: json.peerDependencies ?? {} }
    })
    .filter((pkg) => !pkg.private)
    .map(({ private: _private, ...pkg }) => pkg)
    .sort((a, b) => a.name.localeCompare(b.name))
}

/** The exact version the repository itself installs of a dependency (for the scratch app). */
export function installedVersion(name: string): string {
  const json = JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8'))
  return json.version
}
