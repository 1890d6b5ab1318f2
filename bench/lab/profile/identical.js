// What identical clients differ by in one process: K raw clients of one in-process shape
// (src/inproc), the same driver, server and operation, measured as the bench measures its
// variants (interleaved rounds, src/rounds.js), each against the first, in E epochs of
// fresh clients. A difference here is no one's overhead: it is what a one-client-against-
// one-client comparison cannot resolve in this process.
//   node profile/identical.js <mysql2|pg-pool|pg-pipeline|ioredis> [clients=4] [epochs=3]
//   (BENCH_INPROC_ROUNDS and BENCH_INPROC_ROUND_MS as for the bench)
import { inProcessRounds, inProcessShape } from '../../src/inproc/index.js'
import { loadDrivers } from '../../src/load.js'
import { runRounds } from '../../src/rounds.js'
import { fmt, paired, withInterval } from '../../src/table.js'
import { saturated, variantOf } from '../../src/variants.js'

const [name = 'mysql2', clientsArg = '4', epochsArg = '3'] = process.argv.slice(2)
const shape = inProcessShape(loadDrivers(['pg', 'mysql2', 'ioredis']), name)
const names = Array.from({ length: Number(clientsArg) }, (_, i) => String.fromCharCode(65 + i))
for (let epoch = 1; epoch <= Number(epochsArg); epoch++) {
  const variants = []
  for (const variant of names) {
    const client = await shape.make()
    variants.push({ ...variantOf(variant, saturated(shape.op), client), client })
  }
  const r = await runRounds(name, variants, inProcessRounds())
  for (const v of variants) await shape.close(v.client)
  const first = r.variants.A.samples
  const against = names.slice(1).map((v) => {
    const d = paired(r.variants[v].samples, first)
    return `${v} ${d.median >= 0 ? '+' : ''}${withInterval(d.median, d.low, d.high)}`
  })
  console.log(`${process.version} ${name} epoch ${epoch}: A ${fmt(r.variants.A.cpuUs)} µs/op; against A: ${against.join('; ')}`)
}
process.exit(0)
