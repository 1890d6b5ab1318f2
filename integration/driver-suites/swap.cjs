'use strict'
// Loaded with `node --require` (through NODE_OPTIONS, so every process a suite starts
// has it). When a driver's test file requires or imports one of the files named in
// QC_SWAP, it gets querycost's instrumented module instead, the way a user who swaps
// clients would. No cost context is opened: the suite's operations are counted as
// lost, and the count at exit (appended to QC_STATS) proves the swap took effect.
//
//   QC_ROOT   the querycost checkout (built), whose packages/*/dist are loaded
//   QC_SWAP   JSON: [{ "file": "/abs/driver/file.js", "as": "ioredis" | "ioredis-class"
//             | "ioredis-cluster-class" | "pg" | "pg-client" | "pg-pool" | "mysql2",
//             "main": "/abs/driver/index (for the -class kinds)" }]
//   QC_STATS  file to which each process appends one JSON line at exit
const Module = require('node:module')
const fs = require('node:fs')
const path = require('node:path')

const root = process.env.QC_ROOT
const swaps = new Map(JSON.parse(process.env.QC_SWAP || '[]').map((s) => [s.file, s]))
const core = require(path.join(root, 'packages/core/dist/index.js'))
const pkg = (name) => require(path.join(root, `packages/${name}/dist/index.js`))

const made = new Map() // file -> instrumented exports (one identity per file)
const given = new WeakSet() // instrumented exports handed out: never wrapped again
let swapped = 0

/** An object reading through to `real` with some of its properties replaced. */
function overlay(real, replaced) {
  const out = Object.create(real)
  for (const [key, value] of Object.entries(replaced)) {
    Object.defineProperty(out, key, { value, enumerable: true, configurable: true, writable: true })
  }
  return out
}

function instrumentedMain(rule) {
  const main = swaps.get(rule.main) ?? { file: rule.main, as: 'ioredis' }
  return instrumentedFor(main, original.call(Module, rule.main, null, false))
}

const kinds = {
  ioredis: (real) => pkg('ioredis').instrumentModule(real),
  'ioredis-class': (_real, rule) => ({ __esModule: true, default: instrumentedMain(rule) }),
  'ioredis-cluster-class': (_real, rule) => ({ __esModule: true, default: instrumentedMain(rule).Cluster }),
  pg: (real) => pkg('pg').instrumentModule(real),
  'pg-client': (real) => pkg('pg').instrumentModule({ Client: real, Pool: class {} }).Client,
  'pg-pool': (real) => pkg('pg').instrumentModule({ Pool: real, Client: class {} }).Pool,
  mysql2: (real) => pkg('mysql2').instrumentModule(real),
}

function instrumentedFor(rule, real) {
  if (given.has(real)) return real
  let out = made.get(rule.file)
  if (out === undefined) {
    out = kinds[rule.as](real, rule)
    if (rule.as.endsWith('-class')) out = overlay(real, out)
    made.set(rule.file, out)
    given.add(out)
  }
  return out
}

/** Only the suite's own files get the swap; the driver's internal requires stay raw. */
function fromTests(parent) {
  if (!parent) return true // an ESM import
  const file = parent.filename || ''
  return /[\\/]test[\\/]/.test(file) && !file.includes(`${path.sep}node_modules${path.sep}`)
}

const original = Module._load
Module._load = function load(request, parent, isMain) {
  let file
  try {
    file = Module._resolveFilename(request, parent, isMain)
  } catch {
    return original.apply(this, arguments)
  }
  const rule = swaps.get(file)
  if (rule === undefined || isMain || !fromTests(parent)) return original.apply(this, arguments)
  swapped++
  // An ESM import of CommonJS reads the exports as they are when the file's loader
  // returns, not what _load returns: swap them inside the loader.
  if (!parent && !Module._cache[file]?.loaded) {
    const js = Module._extensions['.js']
    const hooked = function (module, filename) {
      const result = js.apply(this, arguments)
      if (filename === file) module.exports = instrumentedFor(rule, module.exports)
      return result
    }
    Module._extensions['.js'] = hooked
    try {
      return original.apply(this, arguments)
    } finally {
      if (Module._extensions['.js'] === hooked) Module._extensions['.js'] = js
    }
  }
  return instrumentedFor(rule, original.apply(this, arguments))
}

process.on('exit', () => {
  if (!process.env.QC_STATS) return
  const lost = core.lostContextStats().total
  fs.appendFileSync(process.env.QC_STATS, `${JSON.stringify({ pid: process.pid, swapped, ops: lost.count, errors: lost.errors })}\n`)
})
