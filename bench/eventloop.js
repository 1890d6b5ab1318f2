// What event-loop attribution (configure({ eventLoop: true })) adds end to end: the e2e
// shape (Express route, 3 SQL + 2 Redis; src/e2e-server.js) with querycost off, with it
// on, and with eventLoop on as well, one server process each, in interleaved rounds of
// one run. Prints requests/s and server CPU per request, and the ratios on/off.
//   npm run bench:eventloop -w @querycost/bench   (BENCH_E2E_ROUNDS, BENCH_E2E_MS as for e2e)
import { config } from './src/config.js'
import { interleavedRounds } from './src/e2e.js'
import { median } from './src/stats.js'

const VARIANTS = ['none', 'querycost', 'querycost-loop']
const log = (line) => console.log(line)

const samples = await interleavedRounds(VARIANTS, (server, s, r) => {
  if (s.errors > 0) log(`${server.variant}: ${s.errors} failed requests`)
  log(
    `round ${r + 1}/${config.e2eRounds} ${server.variant}: ${s.rps.toFixed(0)} req/s, ${(s.cpuUs / s.requests).toFixed(1)} µs CPU/request`,
  )
})
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
