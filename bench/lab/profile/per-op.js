// Self time per operation (µs) of querycost's own functions and of Node's async_hooks
// machinery, from a .cpuprofile of profile/pg.js:
//   node profile/per-op.js file.cpuprofile <ops> [top=25]
import { readFileSync } from 'node:fs'
import { frameName } from '../../src/inproc/frame.js'

const [file, opsArg, topArg = '25'] = process.argv.slice(2)
const ops = Number(opsArg)
const p = JSON.parse(readFileSync(file, 'utf8'))
const byId = new Map(p.nodes.map((n) => [n.id, n]))
const self = new Map()
p.samples.forEach((id, i) => {
  const k = frameName(byId.get(id).callFrame)
  self.set(k, (self.get(k) ?? 0) + (p.timeDeltas[i] ?? 0))
})
const groups = { querycost: 0, async_hooks: 0, gc: 0 }
for (const [k, t] of self) {
  if (/ (core|pg|mysql2|ioredis)\/dist\//.test(k)) groups.querycost += t
  else if (/async_hooks|promiseInitHook|AsyncResource/.test(k)) groups.async_hooks += t
  else if (k.startsWith('(garbage collector)')) groups.gc += t
}
const rows = [...self].filter(([k]) => / (core|pg|mysql2|ioredis)\/dist\/|async_hooks/.test(k)).sort((a, b) => b[1] - a[1])
for (const [k, t] of rows.slice(0, Number(topArg))) console.log(`${(t / ops).toFixed(3).padStart(7)} µs/op  ${k}`)
const interval = (p.endTime - p.startTime) / p.samples.length
console.log(
  `per op: querycost ${(groups.querycost / ops).toFixed(2)} µs, async_hooks ${(groups.async_hooks / ops).toFixed(2)} µs, gc ${(groups.gc / ops).toFixed(2)} µs (${p.samples.length} samples, ~${interval.toFixed(0)} µs apart)`,
)
