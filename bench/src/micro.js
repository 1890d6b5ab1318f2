import { AsyncResource } from 'node:async_hooks'
import { createRequire } from 'node:module'
import { fingerprintSql, runWithCost } from '@querycost/core'
import { beginOperation, bindCallback, sqlTargets } from '@querycost/core/driver'
import { config } from './config.js'
import { loadQuerycost } from './load.js'
import { median, spread } from './stats.js'

const TEXT = 'SELECT id, name, email FROM users u JOIN accounts a ON a.user_id = u.id WHERE u.id = $1 AND a.active = true'
const RESULT = { command: 'SELECT', rowCount: 1, rows: [{ id: 1 }] }

/** A pg-shaped client that answers at once, in process: what is left is the wrapper's cost. */
function fakePgClient() {
  return {
    query(_text, _values, callback) {
      if (typeof callback === 'function') return callback(null, RESULT)
      return Promise.resolve(RESULT)
    },
  }
}

const MYSQL_TEXT = 'SELECT id, name, email FROM users u JOIN accounts a ON a.user_id = u.id WHERE u.id = ? AND a.active = 1'
const MYSQL_ROWS = [{ id: 1 }]
const MYSQL_FIELDS = []

/** A mysql2-shaped connection that answers at once (callback API). */
function fakeMysqlConnection() {
  const answer = (_sql, _values, callback) => callback(null, MYSQL_ROWS, MYSQL_FIELDS)
  return { query: answer, execute: answer }
}

/**
 * An ioredis-shaped client built on ioredis's own `Command`: `get` sends a real Command,
 * which this fake resolves at once with the bytes the parser would hand over.
 */
function fakeRedis(Command) {
  const reply = Buffer.from('value')
  return {
    options: {},
    sendCommand(command) {
      command.resolve(reply)
      return command.promise
    },
    get(key) {
      return this.sendCommand(new Command('get', [key]))
    },
    pipeline() {},
    multi() {},
  }
}

/** CPU ns per call of `body(i)` (sync), median of rounds. */
function timeSync(body) {
  let n = 1000
  // Calibrate: grow n until one round takes ~microMs / 4.
  for (;;) {
    const t0 = process.hrtime.bigint()
    for (let i = 0; i < n; i++) body(i)
    const ms = Number(process.hrtime.bigint() - t0) / 1e6
    if (ms > config.microMs / 4 || n > 5e7) break
    n *= 4
  }
  const samples = []
  for (let r = 0; r < config.rounds; r++) {
    const c0 = process.cpuUsage()
    for (let i = 0; i < n; i++) body(i)
    const c = process.cpuUsage(c0)
    samples.push(((c.user + c.system) * 1000) / n)
  }
  return { ns: median(samples), spread: spread(samples), n }
}

/** The same for an async body, awaited one after another. */
async function timeAsync(body) {
  let n = 1000
  for (;;) {
    const t0 = process.hrtime.bigint()
    for (let i = 0; i < n; i++) await body(i)
    const ms = Number(process.hrtime.bigint() - t0) / 1e6
    if (ms > config.microMs / 4 || n > 1e7) break
    n *= 4
  }
  const samples = []
  for (let r = 0; r < config.rounds; r++) {
    const c0 = process.cpuUsage()
    for (let i = 0; i < n; i++) await body(i)
    const c = process.cpuUsage(c0)
    samples.push(((c.user + c.system) * 1000) / n)
  }
  return { ns: median(samples), spread: spread(samples), n }
}

/** Runs `fn` inside one cost context that stays open for the whole measurement. */
function inContext(fn) {
  return runWithCost(fn, { name: 'micro' })
}

/**
 * The hot paths alone, no database: ns of CPU per call. The `pg …`, `mysql2 …` and
 * `ioredis …` rows compare a fake in-process client raw and through the querycost
 * wrapper: their difference is the wrapper's whole cost per operation, one at a time
 * (no memory pressure: the saturated shapes add that).
 */
export async function benchMicro(log) {
  const rows = []
  const add = (name, r, note) => {
    rows.push({ name, ...r, note })
    log(`  ${name.padEnd(42)} ${r.ns.toFixed(0).padStart(7)} ns/op`)
  }
  let unique = 0
  add(
    'sqlTargets hit',
    timeSync(() => sqlTargets(TEXT, 'pg', 'pg')),
  )
  add(
    'sqlTargets miss (analyse + cache insert)',
    timeSync(() => sqlTargets(`${TEXT} /* ${unique++} */ AND x = ${unique}`, 'pg', 'pg')),
  )
  add(
    'fingerprintSql',
    timeSync(() => fingerprintSql(TEXT, 'pg')),
  )
  const [target] = sqlTargets(TEXT, 'pg', 'pg')
  inContext(() =>
    add(
      'beginOperation + end (in a context)',
      timeSync(() => beginOperation(target).end(1, 0)),
    ),
  )
  add(
    'beginOperation + end (no context: lost)',
    timeSync(() => beginOperation(target).end(1, 0)),
  )
  const noop = () => 0
  inContext(() =>
    add(
      'bindCallback + call',
      timeSync(() => bindCallback(noop)(null, 1)),
    ),
  )
  inContext(() =>
    add(
      'new AsyncResource (alone)',
      timeSync(() => new AsyncResource('x')),
    ),
  )
  inContext(() =>
    add(
      'AsyncResource.bind + call (avoided)',
      timeSync(() => AsyncResource.bind(noop)(null, 1)),
    ),
  )

  const { instrument, note } = await loadQuerycost('@querycost/pg')
  if (instrument) {
    const raw = fakePgClient()
    const wrapped = instrument(fakePgClient())
    const values = [1]
    const cb = () => 0
    await inContext(async () => {
      add(
        'pg query callback, raw fake',
        timeSync(() => raw.query(TEXT, values, cb)),
      )
      add(
        'pg query callback, querycost',
        timeSync(() => wrapped.query(TEXT, values, cb)),
      )
      add('pg query promise, raw fake', await timeAsync(() => raw.query(TEXT, values)))
      add('pg query promise, querycost', await timeAsync(() => wrapped.query(TEXT, values)))
    })
  } else {
    log(`  pg wrapper rows skipped: ${note}`)
  }

  const mysql2 = await loadQuerycost('@querycost/mysql2')
  if (mysql2.instrument) {
    const raw = fakeMysqlConnection()
    const wrapped = mysql2.instrument(fakeMysqlConnection())
    const values = [1]
    const cb = () => 0
    inContext(() => {
      add(
        'mysql2 query callback, raw fake',
        timeSync(() => raw.query(MYSQL_TEXT, values, cb)),
      )
      add(
        'mysql2 query callback, querycost',
        timeSync(() => wrapped.query(MYSQL_TEXT, values, cb)),
      )
    })
  } else {
    log(`  mysql2 wrapper rows skipped: ${mysql2.note}`)
  }

  const ioredis = await loadQuerycost('@querycost/ioredis')
  if (ioredis.instrument) {
    const { Command } = createRequire(import.meta.url)('ioredis')
    const raw = fakeRedis(Command)
    const wrapped = ioredis.instrument(fakeRedis(Command))
    await inContext(async () => {
      add('ioredis get promise, raw fake', await timeAsync((i) => raw.get(`user:${i & 1023}`)))
      add('ioredis get promise, querycost', await timeAsync((i) => wrapped.get(`user:${i & 1023}`)))
    })
  } else {
    log(`  ioredis wrapper rows skipped: ${ioredis.note}`)
  }
  return { rows }
}
