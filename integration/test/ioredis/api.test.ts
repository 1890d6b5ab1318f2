import { currentCost, lostContextStats, measureCost, resetLostContext } from '@querycost/core'
import { instrument, instrumentModule } from '@querycost/ioredis'
import { Cluster, Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { exactFigures, sleep } from '../../src/expect-report.js'
import { clearKeys, DB, LIST, rawClient, SET, seedRedis } from './fixtures.js'

const url = inject('redisUrl')

const USERS = 'redis:qcu'
const ITEMS = 'redis:qci'
const LISTS = 'redis:qcl'
const WRITES = 'redis:qcw'
const NONE = 'redis:(none)'

function t(count: number, rows: number, affected: number, errors = 0) {
  return { count, rows, affected, errors }
}

describe.skipIf(url === undefined)('@querycost/ioredis: every way in, exact', () => {
  let redis: Redis
  let raw: Redis

  beforeAll(async () => {
    await seedRedis(url as string)
    raw = rawClient(url as string)
    await clearKeys(raw, ['qcw:*', 'qcapp:*', 'qcq:*'])
    redis = instrument(rawClient(url as string))
    await redis.ping() // connected before the tests (the offline-queue test makes its own client)
  })
  afterAll(async () => {
    await clearKeys(raw, ['qcw:*', 'qcapp:*', 'qcq:*'])
    redis?.disconnect()
    raw?.disconnect()
  })

  it('counts plain commands (promise): rows, affected and tables from the raw reply', async () => {
    const { report } = await measureCost(async () => {
      expect(await redis.get('qci:1')).toBe('item 1') // bulk: 1 row
      expect(await redis.get('qci:missing')).toBeNull() // nil: 0
      expect(await redis.hgetall('qcu:1')).toEqual({ name: 'user 1', age: '21', city: 'x' }) // 3 fields
      expect(await redis.mget('qci:1', 'qci:2', 'qci:nope')).toEqual(['item 1', 'item 2', null]) // 2 non-nil
      expect(await redis.lrange('qcl:list', 0, 3)).toHaveLength(4)
      expect(await redis.set('qcw:a', 'v')).toBe('OK') // status: 0 rows, SET: 1 affected
      expect(await redis.hset('qcw:h', { f1: 1, f2: 2, f3: 3 })).toBe(3) // 3 fields added
      expect(await redis.hset('qcw:h', { f1: 9, f4: 4 })).toBe(1) // 1 added
      expect(await redis.rpush('qcw:l', 'a', 'b')).toBe(2) // 2 pushed
      expect(await redis.lpop('qcw:l')).toBe('a') // 1 row, 1 removed
      expect(await redis.incr('qcw:n')).toBe(1) // integer: 0 rows, 1 affected
      expect(await redis.exists('qcw:a', 'qci:1')).toBe(2) // integer, two tables
      expect(await redis.del('qcw:a', 'qcw:h', 'qcw:l', 'qcw:n', 'qcw:none')).toBe(4) // 4 keys removed
      expect(await redis.ping()).toBe('PONG') // keyless: (none)
    })
    expect(exactFigures(report, { ...t(0, 0, 0), tables: { [WRITES]: { ...t(0, 0, 0), operations: {} } } })).toEqual({
      count: 14,
      rows: 1 + 3 + 2 + 4 + 1,
      affected: 1 + 3 + 1 + 2 + 1 + 1 + 4,
      errors: 0,
      tables: {
        [ITEMS]: t(4, 3, 0),
        [USERS]: t(1, 3, 0),
        [LISTS]: t(1, 4, 0),
        [WRITES]: {
          ...t(8, 1, 13),
          operations: {
            SET: t(1, 0, 1),
            HSET: t(2, 0, 4),
            RPUSH: t(1, 0, 2),
            LPOP: t(1, 1, 1),
            INCR: t(1, 0, 1),
            EXISTS: t(1, 0, 0),
            DEL: t(1, 0, 4),
          },
        },
        [NONE]: t(1, 0, 0),
      },
    })
    // EXISTS counted once in total, once in each of its two tables.
    expect(report.tables[ITEMS]?.operations.EXISTS?.count).toBe(1)
  })

  it('counts callback commands and runs the callback in the caller context', async () => {
    const seen: Array<string | undefined> = []
    const { report } = await measureCost(
      () =>
        new Promise<void>((resolve, reject) => {
          redis.get('qci:3', (err, value) => {
            if (err) return reject(err)
            seen.push(currentCost()?.name, value ?? undefined)
            redis.hgetall('qcu:2', (err2) => {
              if (err2) return reject(err2)
              seen.push(currentCost()?.name)
              redis.get('qci:nope', (err3) => (err3 ? reject(err3) : resolve()))
            })
          })
        }),
      { name: 'callbacks' },
    )
    expect(seen).toEqual(['callbacks', 'item 3', 'callbacks'])
    expect(exactFigures(report)).toEqual({ ...t(3, 4, 0), tables: { [ITEMS]: t(2, 1, 0), [USERS]: t(1, 3, 0) } })
  })

  it('counts an error once and hands the driver error back unchanged', async () => {
    let caught: unknown
    const { report } = await measureCost(async () => {
      try {
        await redis.lpush('qci:1', 'x') // WRONGTYPE
      } catch (error) {
        caught = error
      }
    })
    expect((caught as Error).message).toMatch(/^WRONGTYPE/)
    expect((caught as Error).constructor.name).toBe('ReplyError')
    expect(exactFigures(report)).toEqual({ ...t(1, 0, 0, 1), tables: { [ITEMS]: t(1, 0, 0, 1) } })
  })

  it('counts each command of a pipeline, promise and callback exec', async () => {
    const { report } = await measureCost(async () => {
      const results = await redis.pipeline().get('qci:1').hgetall('qcu:3').set('qcw:p', '1').lrange('qcl:list', 0, -1).exec()
      expect(results?.map(([e]) => e)).toEqual([null, null, null, null])
      await new Promise<void>((resolve, reject) =>
        redis
          .pipeline()
          .mget('qci:1', 'qci:2', 'qci:3')
          .del('qcw:p')
          .exec((err) => (err ? reject(err) : resolve())),
      )
    })
    expect(exactFigures(report)).toEqual({
      ...t(6, 1 + 3 + LIST + 3, 2),
      tables: { [ITEMS]: t(2, 4, 0), [USERS]: t(1, 3, 0), [WRITES]: t(2, 0, 2), [LISTS]: t(1, LIST, 0) },
    })
  })

  it('counts MULTI, each queued command with its rows from the EXEC reply, and EXEC', async () => {
    const { result, report } = await measureCost(() =>
      redis.multi().set('qcw:m', 'x').get('qcw:m').hgetall('qcu:4').sadd('qcw:s', 'a', 'b', 'c').del('qcw:m', 'qcw:s').exec(),
    )
    expect(result).toEqual([
      [null, 'OK'],
      [null, 'x'],
      [null, { name: 'user 4', age: '24', city: 'x' }],
      [null, 3],
      [null, 2],
    ])
    expect(exactFigures(report, { ...t(0, 0, 0), tables: { [NONE]: { ...t(0, 0, 0), operations: {} } } })).toEqual({
      ...t(7, 1 + 3, 1 + 3 + 2),
      tables: {
        [NONE]: { ...t(2, 0, 0), operations: { MULTI: t(1, 0, 0), EXEC: t(1, 0, 0) } },
        [WRITES]: t(4, 1, 6),
        [USERS]: t(1, 3, 0),
      },
    })
  })

  it('in a transaction, a command failing at run time is its own error; a direct MULTI (pipeline: false) is attributed too', async () => {
    const { report } = await measureCost(async () => {
      const result = await redis.multi().set('qcw:t', 'x').lpush('qci:1', 'y').get('qcw:t').exec()
      expect(result?.[1]?.[0]).toBeInstanceOf(Error)
      await redis.multi({ pipeline: false })
      const queued = [redis.get('qci:5'), redis.incr('qcw:t2')]
      expect(await Promise.all(queued)).toEqual(['QUEUED', 'QUEUED'])
      expect(await redis.exec()).toEqual([
        [null, 'item 5'],
        [null, 1],
      ])
      await redis.del('qcw:t', 'qcw:t2')
    })
    expect(exactFigures(report)).toEqual({
      ...t(10, 2, 1 + 1 + 2, 1),
      tables: { [NONE]: t(4, 0, 0), [WRITES]: t(4, 1, 4), [ITEMS]: t(2, 1, 0, 1) },
    })
  })

  it('counts auto-pipelined commands in the context that issued each one', async () => {
    const auto = instrument(rawClient(url as string, { enableAutoPipelining: true }))
    try {
      await auto.ping()
      const [a, b] = await Promise.all([
        measureCost(() => Promise.all(Array.from({ length: 7 }, (_, i) => auto.get(`qci:${i + 1}`)))),
        measureCost(() => Promise.all([auto.hgetall('qcu:5'), auto.hgetall('qcu:6'), auto.get('qci:nope')])),
      ])
      expect(exactFigures(a.report)).toEqual({ ...t(7, 7, 0), tables: { [ITEMS]: t(7, 7, 0) } })
      expect(exactFigures(b.report)).toEqual({ ...t(3, 6, 0), tables: { [USERS]: t(2, 6, 0), [ITEMS]: t(1, 0, 0) } })
    } finally {
      auto.disconnect()
    }
  })

  it('counts each SCAN round trip of a scan stream, its keys as rows', async () => {
    let pages = 0
    let keys = 0
    const { report } = await measureCost(
      () =>
        new Promise<void>((resolve, reject) => {
          const stream = redis.scanStream({ match: 'qcu:*', count: 20 })
          stream.on('data', (page: string[]) => {
            pages++
            keys += page.length
          })
          stream.on('error', reject)
          stream.on('end', resolve)
        }),
    )
    expect(keys).toBeGreaterThanOrEqual(50) // SCAN may return a key twice; rows are what came back
    expect(pages).toBeGreaterThan(1)
    expect(exactFigures(report)).toEqual({ ...t(pages, keys, 0), tables: { [NONE]: t(pages, keys, 0) } })

    let setPages = 0
    let members = 0
    const sscan = await measureCost(async () => {
      for await (const page of redis.sscanStream('qcset:big', { count: 50 })) {
        setPages++
        members += (page as string[]).length
      }
    })
    expect(members).toBeGreaterThanOrEqual(SET)
    expect(exactFigures(sscan.report)).toEqual({ ...t(setPages, members, 0), tables: { 'redis:qcset': t(setPages, members, 0) } })

    const hscan = await measureCost(async () => {
      const fields: string[] = []
      for await (const page of redis.hscanStream('qcu:7')) fields.push(...(page as string[]))
      expect(fields).toHaveLength(6) // field, value × 3
    })
    expect(exactFigures(hscan.report)).toEqual({ ...t(1, 3, 0), tables: { [USERS]: t(1, 3, 0) } })
  })

  it('counts EVAL, EVALSHA and defineCommand scripts on the tables of their keys', async () => {
    const client = instrument(rawClient(url as string))
    client.defineCommand('qcsTwoGets', { numberOfKeys: 2, lua: "return { redis.call('GET', KEYS[1]), redis.call('GET', KEYS[2]) }" })
    try {
      await client.ping()
      const sha = (await raw.script('LOAD', "return redis.call('HGETALL', KEYS[1])")) as string
      const { report } = await measureCost(async () => {
        expect(await client.eval("return redis.call('GET', KEYS[1])", 1, 'qci:9')).toBe('item 9')
        expect(await client.evalsha(sha, 1, 'qcu:9')).toHaveLength(6)
        expect(await (client as unknown as { qcsTwoGets(a: string, b: string): Promise<unknown> }).qcsTwoGets('qci:1', 'qci:nope')).toEqual(
          ['item 1', null],
        )
        expect(await (client as unknown as { qcsTwoGets(a: string, b: string): Promise<unknown> }).qcsTwoGets('qci:2', 'qci:3')).toEqual([
          'item 2',
          'item 3',
        ])
        expect(await client.eval('return 1', 0)).toBe(1)
      })
      // A script's rows are its reply's non-nil elements (no pair rule: 6 for the HGETALL array).
      expect(exactFigures(report, { ...t(0, 0, 0), tables: { [ITEMS]: { ...t(0, 0, 0), operations: {} } } })).toEqual({
        ...t(5, 1 + 6 + 1 + 2, 0),
        tables: {
          [ITEMS]: { ...t(3, 4, 0), operations: { EVAL: t(1, 1, 0), EVALSHA: t(2, 3, 0) } },
          [USERS]: t(1, 6, 0),
          [NONE]: t(1, 0, 0),
        },
      })
    } finally {
      client.disconnect()
    }
  })

  it('counts a blocking BLPOP once, served by a push from another client', async () => {
    const other = instrument(rawClient(url as string))
    try {
      await other.ping()
      const { report } = await measureCost(async () => {
        const popped = redis.blpop('qcw:queue', 5)
        await sleep(30)
        await measureCost(() => other.rpush('qcw:queue', 'job'), { name: 'producer' })
        expect(await popped).toEqual(['qcw:queue', 'job'])
        expect(await redis.blpop('qcw:queue', 0.05)).toBeNull() // timed out: 0 rows
      })
      expect(exactFigures(report)).toEqual({ ...t(2, 1, 1), tables: { [WRITES]: t(2, 1, 1) } })
    } finally {
      other.disconnect()
    }
  })

  it('counts SUBSCRIBE and PUBLISH, never the messages', async () => {
    const sub = instrument(rawClient(url as string))
    try {
      const got: string[] = []
      sub.on('message', (_channel: string, message: string) => got.push(message))
      const { report } = await measureCost(async () => {
        expect(await sub.subscribe('qcs-channel-a', 'qcs-channel-b')).toBe(2)
        expect(await redis.publish('qcs-channel-a', 'one')).toBe(1)
        expect(await redis.publish('qcs-channel-b', 'two')).toBe(1)
        while (got.length < 2) await sleep(5)
        await sub.unsubscribe()
      })
      expect(got).toEqual(['one', 'two'])
      expect(exactFigures(report, { ...t(0, 0, 0), tables: { [NONE]: { ...t(0, 0, 0), operations: {} } } })).toEqual({
        ...t(4, 0, 0),
        tables: { [NONE]: { ...t(4, 0, 0), operations: { SUBSCRIBE: t(1, 0, 0), PUBLISH: t(2, 0, 0), UNSUBSCRIBE: t(1, 0, 0) } } },
      })
    } finally {
      sub.disconnect()
    }
  })

  it('counts commands issued before the connection is ready once (offline queue), and never the set-up', async () => {
    resetLostContext()
    const { report } = await measureCost(async () => {
      // A new client: AUTH/SELECT/CLIENT SETINFO/INFO run first; these queue, then replay.
      const fresh = instrument(new Redis(url as string, { db: DB, connectionName: 'qcs-offline' }))
      try {
        expect(fresh.status).not.toBe('ready')
        const [a, b] = await Promise.all([fresh.get('qci:11'), fresh.hgetall('qcu:11')])
        expect(a).toBe('item 11')
        expect(Object.keys(b)).toHaveLength(3)
      } finally {
        fresh.disconnect()
      }
    })
    expect(exactFigures(report)).toEqual({ ...t(2, 4, 0), tables: { [ITEMS]: t(1, 1, 0), [USERS]: t(1, 3, 0) } })
    expect(lostContextStats().total.count).toBe(0)
  })

  it("strips ioredis's keyPrefix before mapping keys to tables", async () => {
    const prefixed = instrument(rawClient(url as string, { keyPrefix: 'qcapp:' }))
    try {
      const { report } = await measureCost(async () => {
        await prefixed.set('qcw:k', '1')
        await prefixed.mget('qcw:k', 'qcw:j')
        await prefixed.del('qcw:k')
      })
      expect(await raw.exists('qcapp:qcw:k')).toBe(0)
      expect(exactFigures(report)).toEqual({ ...t(3, 1, 2), tables: { [WRITES]: t(3, 1, 2) } })
    } finally {
      prefixed.disconnect()
    }
  })

  it('maps keys with a custom table function, carried over to duplicate()', async () => {
    const custom = instrument(rawClient(url as string), { table: (key) => key.split(':').slice(0, 2).join(':') })
    const copy = custom.duplicate()
    try {
      const { report } = await measureCost(async () => {
        await custom.get('qci:1')
        await custom.mget('qci:1', 'qci:2')
        await copy.hgetall('qcu:1')
        await copy.get('qci:1')
      })
      expect(copy).toBeInstanceOf(Redis)
      expect(exactFigures(report)).toEqual({
        ...t(4, 1 + 2 + 3 + 1, 0),
        // MGET touches two tables: counted once in each, with its 2 rows in each.
        tables: { 'redis:qci:1': t(3, 4, 0), 'redis:qci:2': t(1, 2, 0), 'redis:qcu:1': t(1, 3, 0) },
      })
    } finally {
      copy.disconnect()
      custom.disconnect()
    }
  })

  it('never counts twice when instrumented twice; keeps instanceof; offers an instrumented module', async () => {
    expect(instrument(instrument(redis))).toBe(redis)
    expect(redis).toBeInstanceOf(Redis)
    const once = await measureCost(() => redis.get('qci:1'))
    expect(once.report.total.count).toBe(1)

    const Instrumented = instrumentModule(Redis)
    const own = new Instrumented(url as string, { db: DB })
    try {
      expect(own).toBeInstanceOf(Redis)
      expect(Object.getPrototypeOf(own)).toBe(Redis.prototype)
      expect(Instrumented.Cluster.prototype).toBe(Cluster.prototype)
      const { report } = await measureCost(() => own.get('qci:2'))
      expect(exactFigures(report)).toEqual({ ...t(1, 1, 0), tables: { [ITEMS]: t(1, 1, 0) } })
    } finally {
      own.disconnect()
    }
  })
})
