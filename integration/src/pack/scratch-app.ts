import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { installedVersion, type PublicPackage } from './packages.js'

/** Drivers the scratch app installs beside the tarballs, at the versions the repository tests. */
const DRIVERS = ['pg', 'mysql2', 'ioredis', 'mongodb']

/**
 * Packs each public package and installs the tarballs into a new app outside the
 * workspace (in the system's temporary folder), as a team outside this repository
 * would: `npm install ./querycost-core-0.1.0.tgz …`. Returns the app's folder.
 */
export function scratchApp(packages: PublicPackage[]): string {
  const app = mkdtempSync(join(tmpdir(), 'querycost-pack-'))
  const tarballs = join(app, 'tarballs')
  mkdirSync(tarballs)
  for (const pkg of packages) {
    execFileSync('npm', ['pack', '--silent', '--pack-destination', tarballs], { cwd: pkg.dir, stdio: 'pipe' })
  }
  const dependencies: Record<string, string> = {}
  for (const file of readdirSync(tarballs)) {
    const pkg = packages.find((p) => file === `${p.name.replace('@', '').replace('/', '-')}-${p.version}.tgz`)
    if (pkg !== undefined) dependencies[pkg.name] = `file:./tarballs/${file}`
  }
  for (const driver of DRIVERS) dependencies[driver] = installedVersion(driver)
  const devDependencies = Object.fromEntries(['typescript', '@types/node', '@types/pg'].map((name) => [name, installedVersion(name)]))
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({ name: 'scratch-app', private: true, type: 'module', dependencies, devDependencies }, null, 2),
  )
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], { cwd: app, stdio: 'pipe' })
  return app
}
