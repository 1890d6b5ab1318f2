// One hot path of querycost, run `n` times after a fixed warm-up, with the fake driver's
// shapes and no database: what `npm run bench:check` counts under valgrind. Usage:
//   node --predictable bench/check/hot-path.js <path> <n>
import { measureCost } from '@querycost/core'
import { beginOperation, bindCallback, makeTarget, sqlTargets } from '@querycost/core/driver'

const WARMUP = 20_000
const TARGET = makeTarget('fake', 'SELECT', ['users'], 'select * from users where id = ?')
// 200 characters, the statement length the performance budget names.
const STATEMENT = `SELECT u.id, u.name, u.email, o.total FROM users u JOIN orders o ON o.user_id = u.id WHERE u.id = $1 AND o.status = 'open' AND o.created_at > now() - interval '7 days' ORDER BY o.total DESC LIMIT 20`
let sink = 0

/** Each path does one operation's worth of one piece of the hot path per call. */
const PATHS = {
  // An operation begun and ended in a context: the per-operation accounting.
  operation: () => beginOperation(TARGET).end(1, 0),
  // A statement the cache has seen.
  'cache-hit': () => {
    sink += sqlTargets(STATEMENT, 'pg', 'pg').length
  },
  // A statement it has not: the table name differs each time (literals alone would
  // share one entry), so every call analyses 200 characters.
  'cache-miss': (i) => {
    sink += sqlTargets(STATEMENT.replace('orders', `o${(i % 1_000_000).toString().padStart(6, '0')}`), 'pg', 'pg').length
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
