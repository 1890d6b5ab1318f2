// What event-loop attribution (configure({ eventLoop: true })) adds end to end: the e2e
// shape (Express route, 3 SQL + 2 Redis; src/e2e-server.js) with querycost off, with it
// on, and with eventLoop on as well, one server process each, in interleaved rounds of
// one run. Prints requests/s and server CPU per request, and the ratios on/off.
//   npm run bench:eventloop -w @querycost/bench   (BENCH_E2E_ROUNDS, BENCH_E2E_MS as for e2e)
import { config } from './src/config.js'
import { prepare, round, start } from './src/e2e.js'
import { median } from './src/stats.js'

const VARIANTS = ['none', 'querycost', 'querycost-loop']
const log = (line) => console.log(line)

await prepare()
const servers = []
for (const variant of VARIANTS) servers.push(await start(variant))
const samples = Object.fromEntries(VARIANTS.map((v) => [v, { cpuUs: [], rps: [] }]))
try {
  for (const server of servers) await round(server, Math.min(2000, config.e2eMs)) // warm-up
  for (let r = 0; r < config.e2eRounds; r++) {
    for (let i = 0; i < servers.length; i++) {
      const server = servers[(r + i) % servers.length]
      const s = await round(server, config.e2eMs)
      if (s.errors > 0) log(`${server.variant}: ${s.errors} failed requests`)
      samples[server.variant].cpuUs.push(s.cpuUs / s.requests)
      samples[server.variant].rps.push(s.rps)
      log(
        `round ${r + 1}/${config.e2eRounds} ${server.variant}: ${s.rps.toFixed(0)} req/s, ${(s.cpuUs / s.requests).toFixed(1)} µs CPU/request`,
      )
    }
  }
} finally {
  for (const server of servers) server.child.send({ cmd: 'exit' })
}
const m = Object.fromEntries(VARIANTS.map((v) => [v, { rps: median(samples[v].rps), cpuUs: median(samples[v].cpuUs) }]))
log(`\nNode ${process.version}, ${config.e2eRounds} rounds of ${config.e2eMs} ms, ${config.e2eConnections} connections (medians)`)
log('| variant | req/s | CPU µs/request |')
log('| --- | ---: | ---: |')
for (const v of VARIANTS) log(`| ${v} | ${m[v].rps.toFixed(0)} | ${m[v].cpuUs.toFixed(1)} |`)
// Paired within each round (the servers ran one after the other), so the machine's drift
// between rounds cancels: the median of the per-round ratios, and their range.
const paired = (key, a, b) => {
  const r = samples[a][key].map((x, i) => x / samples[b][key][i]).sort((x, y) => x - y)
  return `${median(r).toFixed(3)} (rounds ${r[0].toFixed(2)} to ${r[r.length - 1].toFixed(2)})`
}
log(
  `\neventLoop on / off, paired per round: req/s ${paired('rps', 'querycost-loop', 'querycost')}, CPU/request ${paired('cpuUs', 'querycost-loop', 'querycost')}`,
)
log(`querycost / none, paired per round: req/s ${paired('rps', 'querycost', 'none')}, CPU/request ${paired('cpuUs', 'querycost', 'none')}`)
