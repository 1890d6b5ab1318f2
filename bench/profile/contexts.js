// What the contexts cost against what querycost's code costs, in one in-process shape:
// raw, a second raw client (what identical clients differ by), the raw client with each
// worker in a context of its own (`runWithCost`, as querycost's workers are), and
// querycost, in the bench's interleaved rounds, each against raw.
//   node profile/contexts.js <mysql2|pg-pool|pg-pipeline|ioredis>
import { runWithCost } from '@querycost/core'
import { config } from '../src/config.js'
import { inProcessShape } from '../src/inproc/index.js'
import { loadDrivers, loadQuerycost } from '../src/load.js'
import { runRounds } from '../src/rounds.js'
import { fmt, paired, withInterval } from '../src/table.js'
import { saturated } from '../src/variants.js'

const name = process.argv[2] ?? 'pg-pipeline'
const shape = inProcessShape(loadDrivers(['pg', 'mysql2', 'ioredis']), name)
const { instrument } = await loadQuerycost(`@querycost/${shape.driver}`)
const ctx = (fn) => runWithCost(fn, { name: 'x' })
const defs = [
  ['raw', false, false],
  ['raw2', false, false],
  ['rawctx', false, true],
  ['querycost', true, true],
]
const variants = []
for (const [n, wrapped, inCtx] of defs) {
  const client = wrapped ? instrument(await shape.make()) : await shape.make()
  const r = saturated(shape.op)()
  variants.push({ name: n, run: (k) => r.run(client, k, inCtx ? ctx : (fn) => fn()), close: () => r.close() })
}
const res = await runRounds(name, variants, { roundMs: config.inProcessRoundMs, rounds: config.inProcessRounds })
const raw = res.variants.raw.samples
const against = defs.slice(1).map(([n]) => {
  const d = paired(res.variants[n].samples, raw)
  return `${n} ${withInterval(d.median, d.low, d.high)}`
})
console.log(`${process.version} ${name}: raw ${fmt(res.variants.raw.cpuUs)} µs/op; against raw: ${against.join('; ')}`)
process.exit(0)
