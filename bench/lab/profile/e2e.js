// Profiles one e2e server variant under autocannon (see src/e2e-server.js):
//   node profile/e2e.js querycost 10000   # writes out/prof/e2e-<variant>/*.cpuprofile, prints CPU µs/request
// Then: node profile/summarize.js out/prof/e2e-querycost/<file>.cpuprofile 30
import { fork } from 'node:child_process'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const autocannon = require('autocannon')
const [variant = 'querycost', ms = '10000'] = process.argv.slice(2)
const child = fork(new URL('../../src/e2e-server.js', import.meta.url), [variant], {
  // PROFILE_OFF=1: the same run without the profiler (its overhead hides small differences).
  execArgv:
    process.env.PROFILE_OFF === '1'
      ? []
      : ['--cpu-prof', '--cpu-prof-interval', '100', `--cpu-prof-dir=${new URL(`../out/prof/e2e-${variant}`, import.meta.url).pathname}`],
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
})
const next = () => new Promise((resolve) => child.once('message', resolve))
const { port } = await next()
const url = `http://127.0.0.1:${port}/users/42`
await autocannon({ url, connections: 50, duration: 2 }) // warm up
child.send({ cmd: 'start' })
await next()
await autocannon({ url, connections: 50, duration: Number(ms) / 1000 })
child.send({ cmd: 'stop' })
const stats = await next()
console.log(`${variant}: ${(stats.cpuUs / stats.requests).toFixed(1)} µs CPU/request over ${stats.requests} requests`)
child.send({ cmd: 'exit' })
