// SQL analysis micro benchmark: what a statement costs querycost's SQL cache, beside a
// bare `for` loop over the same string's characters (the floor any analysis must pay),
// measured in the same run so the ratio holds on a loaded machine.
//
//   node bench/sql.js            (or: npm run bench:sql -w @querycost/bench)
//   node bench/sql.js --json     the same figures as one JSON line (run.js keeps them for RESULTS.md)
//
// Rows: `hit` (same text again), `literal miss` (a text never seen, differing from seen
// ones only in its literal values: Sequelize-style inlined values), `shape miss` (a
// statement shape never seen: a table name that changes), and long statements of 100 KB
// and 1 MB: bulk inserts, OR chains, nested parentheses, an IN list, many statements in
// one text, one long name (first sight, the same text again, and other values). Heap:
// bytes the one call allocated.
import { execFileSync } from 'node:child_process'
import { loadavg } from 'node:os'
import { sqlTables } from './src/sql-table.js'

// BENCH_SQL_CORE: another build of core's driver entry (a path to its driver.js), for a before/after.
const { sqlTargets } = await import(process.env.BENCH_SQL_CORE ?? '@querycost/core/driver')

const MIN_MS = Number(process.env.BENCH_SQL_MS ?? 300)

/** Statements of exactly `length` characters whose literals depend on `i`. */
const SHAPES = {
  72: (i, t = 'users') => fit(`SELECT * FROM ${t} WHERE id = ${100000 + i} AND status = 'active' LIMIT 1`, 72),
  200: (i, t = 'users') =>
    fit(
      `SELECT "id", "email", "name", "createdAt" FROM "${t}" AS "User" WHERE "User"."email" = 'user${100000 + i}@example.com' AND "User"."deletedAt" IS NULL AND "User"."orgId" IN (${i % 7}, ${i % 11}, 3) LIMIT 1;`,
      200,
    ),
  1000: (i, t = 'orders') => {
    const s = `INSERT INTO "${t}" ("id","user_id","total","status","note","created_at") VALUES `
    const rows = []
    for (let r = 0; s.length + rows.join(',').length < 900; r++)
      rows.push(`(${i * 100 + r},${i + r},${(i * 13 + r) % 1000}.50,'paid','n${i}-${r}','2026-12-07 04:00:00')`)
    return fit(`${s}${rows.join(',')} RETURNING "id"`, 1000)
  },
}

/** A flat copy: a string built by `+` is a rope, slower to read for the scan and the analysis alike. */
const flat = (s) => JSON.parse(JSON.stringify(s))

/** Pads a statement with a trailing comment to exactly `length` characters. */
function fit(s, length) {
  if (s.length > length) return s.slice(0, length) // never happens with the shapes above
  const room = length - s.length
  return flat(room >= 5 ? `${s} /*${'x'.repeat(room - 5)}*/` : s + ' '.repeat(room))
}

/** A statement no list rule shortens: a long OR chain. */
function orChain(bytes, i) {
  const terms = []
  let length = 40
  for (let r = 0; length < bytes; r++) {
    const term = `"kind" = 'k${i}-${r}'`
    terms.push(term)
    length += term.length + 4
  }
  return flat(`SELECT * FROM "events" WHERE ${terms.join(' OR ')}`)
}

/** Parentheses nested as deep as the length allows, around one condition. */
function deepParens(bytes, i) {
  const depth = Math.floor((bytes - 40) / 2)
  return flat(`SELECT * FROM t WHERE ${'('.repeat(depth)}a = ${i}${')'.repeat(depth)}`)
}

/** A long IN list of numbers. */
function inList(bytes, i) {
  const values = []
  let length = 50
  for (let r = 0; length < bytes; r++) {
    const v = String(i * 1_000_000 + r)
    values.push(v)
    length += v.length + 2
  }
  return flat(`SELECT * FROM "events" WHERE "id" IN (${values.join(', ')})`)
}

/** Many short statements in one text. */
function manyStatements(bytes, i) {
  const statements = []
  let length = 0
  for (let r = 0; length < bytes; r++) {
    const s = `INSERT INTO log VALUES (${r}, 'e${i}-${r}')`
    statements.push(s)
    length += s.length + 2
  }
  return flat(statements.join('; '))
}

/** One name as long as the text. */
function longName(bytes, i) {
  return flat(`SELECT * FROM ${'n'.repeat(bytes - 40)}${i} WHERE id = 1`)
}

function bulk(bytes, i) {
  const head = 'INSERT INTO "events" ("id","kind","payload","at") VALUES '
  const rows = []
  let length = head.length
  for (let r = 0; length < bytes - 200; r++) {
    const row = `(${i * 1_000_000 + r},'click','{"x":${r % 977},"u":"u${i}-${r}"}','2026-12-07 04:00:00')`
    rows.push(row)
    length += row.length + 1
  }
  return flat(`${head}${rows.join(',')}`)
}

let sink = 0
function scan(s) {
  let h = 0
  for (let i = 0; i < s.length; i++) h = (h + s.charCodeAt(i)) | 0
  return h
}

/** CPU time this process has used, in ns: on a shared machine, time spent waiting for a core is not in it. */
function cpuNs() {
  const { user, system } = process.cpuUsage()
  return (user + system) * 1000
}

/**
 * CPU ns per call of `fn(texts[k])`, cycling through `texts`: the fastest of 21 rounds
 * of MIN_MS / 21 each. Other processes on the machine only ever add time (caches,
 * preemption), so the fastest round is the one they disturbed least.
 */
function time(texts, fn) {
  let best = Number.POSITIVE_INFINITY
  const roundNs = (MIN_MS / 21) * 1e6
  for (let r = 0; r < 21; r++) {
    let calls = 0
    const start = cpuNs()
    let elapsed = 0
    while (elapsed < roundNs) {
      for (let k = 0; k < texts.length; k++) sink ^= fn(texts[k])
      calls += texts.length
      elapsed = cpuNs() - start
    }
    best = Math.min(best, elapsed / calls)
  }
  return best
}

const targets = (text) => sqlTargets(text, 'pg', 'pg').length

if (process.argv[2] === '--big') {
  // A child with a young generation large enough that no collection runs during one
  // call: the heap's growth over the call is then what the call allocated.
  function once(text) {
    globalThis.gc?.()
    const before = process.memoryUsage().heapUsed
    const start = cpuNs()
    sink ^= targets(text)
    const ns = cpuNs() - start
    const heap = process.memoryUsage().heapUsed - before
    return { ns, heap }
  }

  // Warm both the scan and the analysis, as in a process that has served requests: texts
  // of one shape are found in the cache, so the analysis itself runs on shapes it has not
  // seen (a table name that changes), as at a process's start. The statements are of the
  // ordinary kinds a service runs (SELECT *, joins, INSERT, UPDATE, DELETE, a transaction
  // in one text), all short: the first long statement is then met by code V8 compiled on
  // short ones, as in a service, and "first sight" is what a long statement costs there.
  const ORDINARY = [
    (i, t) => SHAPES[72](i, t),
    (i, t) => SHAPES[200](i, t),
    (i, t) => SHAPES[1000](i, t),
    (i, t) => `UPDATE ${t} SET status = 'done', updated_at = now() WHERE id = ${i}`,
    (i, t) => `DELETE FROM ${t} WHERE created_at < now() - interval '30 days' AND id <> ${i}`,
    (i, t) =>
      `SELECT o.id, o.total, c.name FROM ${t}_order_lines o JOIN customers c ON c.id = o.customer_id WHERE o.total > -${i} ORDER BY o.id DESC LIMIT 20`,
    (i, t) => `BEGIN; UPDATE ${t} SET n = n + 1 WHERE id = ${i}; INSERT INTO audit_log (id, what) VALUES (${i}, 'bump'); COMMIT`,
    (i, t) => `INSERT INTO ${t} (id, what) VALUES (${i}, 'a'); INSERT INTO ${t} (id, what) VALUES (${i + 1}, 'b')`,
  ]
  for (let i = 0; i < 3000; i++) sink ^= targets(SHAPES[200](i)) ^ scan(SHAPES[1000](i))
  for (let i = 0; i < 3000; i++) for (const make of ORDINARY) sink ^= targets(flat(make(i, `w${i}`)))
  for (let i = 0; i < 20; i++) sink ^= targets(bulk(20_000 + i * 100, i)) ^ scan(bulk(20_000, i))
  const big = []
  const median = (runs) => {
    const sorted = [...runs].sort((x, y) => x.ns - y.ns)
    return sorted[Math.floor(sorted.length / 2)]
  }
  for (const [label, bytes, make] of [
    ['100 KB bulk insert', 100_000, bulk],
    ['1 MB bulk insert', 1_000_000, bulk],
    ['1 MB OR chain', 1_000_000, orChain],
    ['100 KB OR chain', 100_000, orChain],
    ['1 MB of nested parentheses', 1_000_000, deepParens],
    ['1 MB IN list', 1_000_000, inList],
    ['1 MB of 23,000 statements', 1_000_000, manyStatements],
    ['1 MB name', 1_000_000, longName],
  ]) {
    const first = make(bytes, 1)
    const bares = Array.from({ length: 5 }, () => {
      const t0 = cpuNs()
      sink ^= scan(first)
      return cpuNs() - t0
    }).sort((x, y) => x - y)
    const bare = bares[2]
    const a = once(first) // a shape this process has not seen
    const again = median(Array.from({ length: 5 }, () => once(first)))
    // More rows, other values: a text never seen, of a shape seen.
    const other = median(Array.from({ length: 5 }, (_, k) => once(make(bytes + 5000 * (k + 1), k + 2))))
    big.push({ label, chars: first.length, bare, first: a, again, other })
  }
  // Garbage: 100,000 random texts (fragments of SQL, quotes, comments, any character).
  const FRAGMENTS = [
    'SELECT',
    'FROM',
    '(',
    ')',
    ',',
    ';',
    "'",
    '"',
    '`',
    '$$',
    '/*',
    '--',
    '\n',
    ' ',
    't',
    '1',
    '?',
    '$1',
    'VALUES',
    'WITH',
    'JOIN',
  ]
  let seed = 42
  const random = (n) => {
    seed = (seed * 1103515245 + 12345) % 2147483648
    return Math.floor((seed / 2147483648) * n)
  }
  const garbage = []
  for (let i = 0; i < 100_000; i++) {
    let text = ''
    const length = random(60)
    for (let j = 0; j < length; j++) text += random(3) === 0 ? String.fromCharCode(random(0x3000)) : FRAGMENTS[random(FRAGMENTS.length)]
    garbage.push(flat(text))
  }
  // One pass unmeasured, so the code is compiled as in a process that has run a while;
  // the cache holds 2,000 texts, so the measured pass still misses.
  for (const text of garbage) sink ^= targets(text)
  const times = new Float64Array(garbage.length)
  for (let i = 0; i < garbage.length; i++) {
    const start = process.hrtime.bigint()
    sink ^= targets(garbage[i])
    times[i] = Number(process.hrtime.bigint() - start)
  }
  times.sort()
  const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))]
  const garbageStats = {
    p50: at(0.5),
    p99: at(0.99),
    max: times[times.length - 1],
    meanChars: garbage.reduce((n, g) => n + g.length, 0) / garbage.length,
  }
  console.log(JSON.stringify({ big, garbage: garbageStats }))
  process.exit(0)
}

const N = 4096 // more distinct texts than the cache holds: every call is a miss
const rows = []
for (const length of [72, 200, 1000]) {
  const make = SHAPES[length]
  const literal = Array.from({ length: N }, (_, i) => make(i + 1))
  const shapes = Array.from({ length: N }, (_, i) => make(i + 1, `t${String(i).padStart(4, '0')}`))
  for (const s of literal.slice(0, 3)) if (s.length !== length) throw new Error(`length ${s.length} != ${length}`)
  // A hit: the same text again, with its values (found by its shape: one scan), and
  // with placeholders only (found by the text itself: no scan).
  const hit = Array.from({ length: N }, () => literal[0])
  const template = flat(literal[0].replace(/'[^']*'|\b\d+\b/g, () => '$1'))
  const hitTemplate = Array.from({ length: N }, () => template)
  targets(hit[0])
  targets(template)
  const bare = time(literal, scan)
  rows.push({ what: `${length} chars: bare scan`, ns: bare })
  rows.push({ what: `${length} chars: hit, placeholders only`, ns: time(hitTemplate, targets), bare })
  rows.push({ what: `${length} chars: hit, same text with values`, ns: time(hit, targets), bare })
  rows.push({ what: `${length} chars: literal miss`, ns: time(literal, targets), bare })
  rows.push({ what: `${length} chars: shape miss`, ns: time(shapes, targets), bare })
}

const child = ['--expose-gc', '--min-semi-space-size=512', '--max-semi-space-size=512', new URL(import.meta.url).pathname, '--big']
const { big, garbage } = JSON.parse(
  execFileSync(process.execPath, child, { encoding: 'utf8', maxBuffer: 1 << 24 })
    .trim()
    .split('\n')
    .pop(),
)

if (process.argv[2] === '--json') {
  // For run.js: the same figures as data, RESULTS.md's SQL table.
  console.log(JSON.stringify({ node: process.version, rows, big, garbage }))
  process.exit(0)
}

console.log(
  `node ${process.version}, ${process.env.BENCH_SQL_CORE ?? '@querycost/core'}, ${new Date().toISOString()}, load ${loadavg()[0].toFixed(1)} (2 cores shared)`,
)
console.log(sqlTables({ rows, big, garbage }))
if (sink === 0.5) console.log(sink)
