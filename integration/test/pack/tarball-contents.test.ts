import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join, posix } from 'node:path'
import { describe, expect, it } from 'vitest'
import { publicPackages } from '../../src/pack/packages.js'

interface PackedFile {
  path: string
}

// What `npm pack` would publish, read without writing a tarball.
function packedFiles(dir: string): Set<string> {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--silent'], { cwd: dir, stdio: 'pipe' }).toString()
  return new Set((JSON.parse(out)[0].files as PackedFile[]).map((file) => file.path))
}

describe('every public tarball', () => {
  for (const pkg of publicPackages()) {
    it(`${pkg.name} ships its LICENSE, README, metadata, and the sources its maps point at`, () => {
      const files = packedFiles(pkg.dir)
      for (const required of ['LICENSE', 'README.md', 'package.json', 'dist/index.js', 'dist/index.d.ts']) {
        expect(files.has(required), `${pkg.name}: ${required}`).toBe(true)
      }
      const json = JSON.parse(readFileSync(join(pkg.dir, 'package.json'), 'utf8'))
      for (const field of ['license', 'repository', 'homepage', 'bugs', 'keywords', 'engines']) {
        expect(json[field], `${pkg.name}: package.json ${field}`).toBeDefined()
      }
      const maps = [...files].filter((file) => file.endsWith('.map'))
      expect(maps.length).toBeGreaterThan(0)
      for (const map of maps) {
        const { sources } = JSON.parse(readFileSync(join(pkg.dir, map), 'utf8')) as { sources: string[] }
        for (const source of sources) {
          expect(files.has(posix.join(posix.dirname(map), source)), `${map} → ${source}`).toBe(true)
        }
      }
    })
  }
})
