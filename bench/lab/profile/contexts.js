// What the contexts and core's accounting cost against what querycost's code costs, in one
// in-process shape, step by step, each on a raw client of its own with each worker in a
// context of its own (`runWithCost`, as querycost's workers are):
//   raw2    a second raw client, no context (what identical clients differ by)
//   rawctx  the contexts alone
//   store   + the context looked up per operation (`activeContext()`, AsyncLocalStorage's getStore)
//   clock   + that and two clock reads per operation (`performance.now()`, as an operation's start and end)
//   sync    + `beginOperation` and its `end` back to back before the send: core's own work on
//           the worker's context, with nothing carried to the result and the context touched
//           once (a lower bound)
//   floor   the lookup and two clock reads, and a record kept from the send until the worker
//           resumes (the bench's floor variant: a hand-written minimum of the accounting)
//   core    + the whole of core's accounting as querycost does it (`beginOperation` as it is
//           sent, `end` as the worker resumes: the bench's core variant)
// and querycost, in the bench's interleaved rounds, each against raw.
//   node profile/contexts.js <mysql2|pg-pool|pg-pipeline|ioredis>
import { performance } from 'node:perf_hooks'
import { runWithCost } from '@querycost/core'
import { activeContext, beginOperation, makeTarget } from '@querycost/core/driver'
import { inProcessRounds, inProcessShape } from '../../src/inproc/index.js'
import { loadDrivers, loadQuerycost } from '../../src/load.js'
import { runRounds } from '../../src/rounds.js'
import { fmt, paired, withInterval } from '../../src/table.js'
import { coreVariant, floorVariant, saturated, variantOf } from '../../src/variants.js'

const name = process.argv[2] ?? 'pg-pipeline'
const shape = inProcessShape(loadDrivers(['pg', 'mysql2', 'ioredis']), name)
const { instrument } = await loadQuerycost(`@querycost/${shape.driver}`)
const ctx = (fn) => runWithCost(fn, { name: 'x' })
let sink = 0
const target = makeTarget(shape.driver, 'SELECT', ['qc_bench_users'])
const steps = {
  store: () => (c, i) => {
    if (activeContext() === undefined) sink++
    return shape.op(c, i)
  },
  clock: () => (c, i) => {
    if (activeContext() === undefined) sink++
    if (performance.now() + performance.now() < 0) sink++ // two reads, no double kept (it would be boxed)
    return shape.op(c, i)
  },
  sync: () => (c, i) => {
    beginOperation(target).end(1, 0)
    return shape.op(c, i)
  },
}
// One variant on a client of its own: `op` a factory each worker calls for an op of its own,
// each worker in a context of its own unless `inCtx` is false.
const variant = async (n, op, { inCtx = true, client } = {}) =>
  variantOf(n, saturated(op, { perWorker: true }), client ?? (await shape.make()), inCtx ? ctx : undefined)
const plainOp = () => shape.op
const variants = [
  await variant('raw', plainOp, { inCtx: false }),
  await variant('raw2', plainOp, { inCtx: false }),
  await variant('rawctx', plainOp),
  await variant('store', steps.store),
  await variant('clock', steps.clock),
  await variant('sync', steps.sync),
  floorVariant({ op: shape.op, client: await shape.make() }),
  coreVariant({ op: shape.op, client: await shape.make(), driver: shape.driver }),
  await variant('querycost', plainOp, { client: instrument(await shape.make()) }),
]
const res = await runRounds(name, variants, inProcessRounds())
const raw = res.variants.raw.samples
const against = variants.slice(1).map(({ name: n }) => {
  const d = paired(res.variants[n].samples, raw)
  return `${n} ${withInterval(d.median, d.low, d.high)}`
})
if (sink === -1) console.log('')
console.log(`${process.version} ${name}: raw ${fmt(res.variants.raw.cpuUs)} µs/op; against raw: ${against.join('; ')}`)
process.exit(0)
