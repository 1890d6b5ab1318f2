import { readFileSync } from 'node:fs'

/**
 * V8's perf map (`node --perf-basic-prof` writes /tmp/perf-<pid>.map): a function that
 * gives the name of the JIT code at an address, as V8 wrote it (`JS:*name file:line:col`,
 * `*` optimized, `^` baseline, `~` interpreted), or `undefined` outside every range.
 */
export function perfMap(path) {
  const entries = readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [start, size, ...name] = line.split(' ')
      return { start: Number.parseInt(start, 16), end: Number.parseInt(start, 16) + Number.parseInt(size, 16), name: name.join(' ') }
    })
    .sort((a, b) => a.start - b.start)
  return (address) => {
    let lo = 0
    let hi = entries.length - 1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      if (entries[mid].start <= address) lo = mid + 1
      else hi = mid - 1
    }
    const e = entries[hi]
    return e === undefined || address >= e.end ? undefined : e.name
  }
}
