// One hot path of querycost, run `n` times after a fixed warm-up, with the fake driver's
// shapes and no database: what `npm run bench:check` counts under valgrind. Usage:
//   node --predictable bench/check/hot-path.js <path> <n>
import { measureCost } from '@querycost/core'
import { beginOperation, bindCallback, makeTarget, sqlTargets } from '@querycost/core/driver'

const WARMUP = 20_000
const TARGET = makeTarget('fake', 'SELECT', ['users'], 'select * from users where id = ?')
// 200 characters, the statement length the performance budget names, with bind
// placeholders (what a driver's parameterised query sends: a hit is one lookup) and with
// its values written in (a text that is never a cache key: each execution is one scan).
const STATEMENT = `SELECT u.id, u.name, u.email, o.total FROM users u JOIN orders o ON o.user_id = u.id WHERE u.id = $1 AND o.status = $2 AND o.created_at > now() - $3::interval AND o.total > $4 ORDER BY o.total DESC LIMIT 20`
const WITH_VALUES = `SELECT u.id, u.name, u.email, o.total FROM users u JOIN orders o ON o.user_id = u.id WHERE u.id = 42 AND o.status = 'open' AND o.created_at > now() - interval '7 days' ORDER BY o.total DESC LIMIT 20`
// Operations stay in flight across a call, as a driver's do, so the JIT cannot drop them.
const inFlight = new Array(64)
let sink = 0

/** Each path does one operation's worth of one piece of the hot path per call. */
const PATHS = {
  // An operation begun, then ended 64 calls later, in a context: the per-operation accounting.
  operation: (i) => {
    const slot = i & 63
    inFlight[slot]?.end(1, 0)
    inFlight[slot] = beginOperation(TARGET)
  },
  // A statement the cache has seen.
  'cache-hit': () => {
    sink += sqlTargets(STATEMENT, 'pg', 'pg').length
  },
  // The same statement with its values written in, seen before: one scan to its shape.
  'values-repeat': () => {
    sink += sqlTargets(WITH_VALUES, 'pg', 'pg').length
  },
  // A statement it has not: the table name differs each time (literals alone would
  // share one entry), so every call analyses 200 characters.
  'cache-miss': (i) => {
    sink += sqlTargets(WITH_VALUES.replace('orders', `o${(i % 1_000_000).toString().padStart(6, '0')}`), 'pg', 'pg').length
  },
  // A user callback rebound to its caller's context (one AsyncResource per call).
  'callback-rebind': () => {
    bindCallback((x) => {
      sink += x
    })(1)
  },
}

const [name, n] = [process.argv[2], Number(process.argv[3])]
const path = PATHS[name]
if (path === undefined || !Number.isInteger(n)) {
  console.error(`usage: hot-path.js <${Object.keys(PATHS).join('|')}> <n>`)
  process.exit(2)
}
await measureCost(() => {
  for (let i = 0; i < WARMUP; i++) path(i + 500_000)
  for (let i = 0; i < n; i++) path(i)
})
if (sink < 0) console.log(sink)
