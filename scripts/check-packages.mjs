// Checks every public package as it would be published: publint (package.json
// fields against the packed files) and Are The Types Wrong (types under each
// resolution mode). The packages are ESM-only: CommonJS callers load them through
// require(esm) (Node 20.19+), which attw's node16-from-CJS check cannot see, so
// that one rule is ignored. Run after `npm run build`: `npm run check:packages`.
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
let failed = 0
for (const name of readdirSync(join(root, 'packages')).sort()) {
  const dir = join(root, 'packages', name)
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
  if (pkg.private) continue
  for (const [tool, args] of [
    ['publint', ['--strict']],
    ['attw', ['--pack', '.', '--ignore-rules', 'cjs-resolves-to-esm', '--format', 'table-flipped']],
  ]) {
    try {
      execFileSync(join(root, 'node_modules', '.bin', tool), args, { cwd: dir, stdio: 'pipe' })
      console.log(`ok   ${pkg.name}: ${tool}`)
    } catch (error) {
      failed++
      console.log(`FAIL ${pkg.name}: ${tool}\n${error.stdout}${error.stderr}`)
    }
  }
}
if (failed > 0) process.exit(1)
