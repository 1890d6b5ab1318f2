// Self and inclusive time by function from a .cpuprofile (V8's --cpu-prof output).
//   node profile/summarize.js file.cpuprofile [top=25] [filter]
import { readFileSync } from 'node:fs'

const [file, topArg = '25', filter] = process.argv.slice(2)
const profile = JSON.parse(readFileSync(file, 'utf8'))
const byId = new Map(profile.nodes.map((n) => [n.id, n]))
const parent = new Map()
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
const dt = new Map()
for (let i = 0; i < profile.samples.length; i++) {
  const id = profile.samples[i]
  dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0))
}
const total = [...dt.values()].reduce((a, b) => a + b, 0)
const key = (n) => {
  const f = n.callFrame
  const url = f.url.replace(/^.*\/(node_modules|packages)\//, '$1/')
  return `${f.functionName || '(anonymous)'} ${url}:${f.lineNumber + 1}`
}
const self = new Map()
const incl = new Map()
for (const [id, t] of dt) {
  const k = key(byId.get(id))
  self.set(k, (self.get(k) ?? 0) + t)
  // Inclusive: count each function once per sample stack.
  const seen = new Set()
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
    const kk = key(byId.get(cur))
    if (seen.has(kk)) continue
    seen.add(kk)
    incl.set(kk, (incl.get(kk) ?? 0) + t)
  }
}
const pct = (t) => `${((100 * t) / total).toFixed(1).padStart(5)}%`
const top = Number(topArg) || 12
const show = (title, map) => {
  console.log(`\n${title} (total ${(total / 1000).toFixed(0)} ms sampled)`)
  for (const [k, t] of [...map]
    .filter(([k]) => !filter || k.includes(filter))
    .sort((a, b) => b[1] - a[1])
    .slice(0, top))
    console.log(`${pct(t)}  ${k}`)
}
show('self', self)
show('inclusive', incl)

// Self time by origin: querycost, the driver, node internals (async_hooks apart), GC, syscalls.
const groups = new Map()
for (const [k, t] of self) {
  const g =
    k.includes('packages/core') || k.includes('packages/pg') || k.includes('packages/mysql2') || k.includes('packages/ioredis')
      ? 'querycost'
      : k.includes('async_hooks') || k.includes('promiseInitHook') || k.includes('emitInit') || k.includes('AsyncResource')
        ? 'async_hooks'
        : k.includes('node_modules/')
          ? 'driver'
          : k.startsWith('(garbage collector)')
            ? 'gc'
            : k.startsWith('(idle)')
              ? 'idle'
              : k.includes('node:')
                ? 'node'
                : 'native/other'
  groups.set(g, (groups.get(g) ?? 0) + t)
}
show('self by origin', groups)
