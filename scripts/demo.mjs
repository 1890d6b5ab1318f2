// `npm run demo`: builds the packages quietly (their logs only if the build fails),
// then runs the demo app, so the first lines a newcomer reads are the demo's own.
import { spawnSync } from 'node:child_process'
import { performance } from 'node:perf_hooks'

const started = performance.now()
process.stdout.write('Building the packages (about 20 s on a fresh clone, a second after that)…\n')
const build = spawnSync('npx', ['turbo', 'run', 'build', '--output-logs=errors-only', '--log-prefix=none'], {
  encoding: 'utf8',
  env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' },
})
if (build.status !== 0) {
  process.stderr.write(`${build.stdout}${build.stderr}\nThe build failed: the lines above say where.\n`)
  process.exit(build.status ?? 1)
}
process.stdout.write(`Built in ${((performance.now() - started) / 1000).toFixed(1)} s.\n\n`)
const demo = spawnSync(process.execPath, ['examples/demo/src/main.js'], { stdio: 'inherit' })
process.exit(demo.status ?? 1)
