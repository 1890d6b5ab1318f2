import { isDeepStrictEqual } from 'node:util'
import { type CostReport, lostContextStats, measureCost, resetLostContext } from '@querycost/core'
import { instrument, instrumentModule } from '@querycost/ioredis'
import { Cluster, Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { addExpected, type Expected, exactFigures, expected, random, sleep } from '../../src/expect-report.js'
import { clusterSeeds } from '../../src/servers.js'
import {
  beginMigration,
  clearClusterKeys,
  endMigration,
  type Master,
  migrateKeys,
  moveSlot,
  type Placement,
  placement,
  rawCluster,
  ready,
} from './cluster-fixtures.js'

// A real three-master Redis Cluster (scripts/redis-cluster.sh; QUERYCOST_REDIS_CLUSTER
// names its seeds). Each master holds keys of its own table: `qcxa:{tag}:…` on one,
// `qcxb:…` on another, `qcxc:…` on the third, so a report's tables say which node a
// command went to, and INFO COMMANDSTATS on each master says what the server ran.

const list = inject('redisCluster')
const seeds = list === undefined ? [] : clusterSeeds(list)
const CONTEXTS = 50
const NONE = 'redis:(none)'

type Figures = { count: number; rows: number; affected: number; errors: number }
const t = (count: number, rows: number, affected: number, errors = 0): Figures => ({ count, rows, affected, errors })

function callback<T>(fn: (cb: (err: Error | null | undefined, value?: T) => void) => unknown): Promise<T> {
  return new Promise((resolve, reject) => fn((err, value) => (err ? reject(err) : resolve(value as T))))
}

/**
 * `calls` of each named command on each master, from INFO COMMANDSTATS; with `rejected`,
 * also its `rejected_calls` (a command answered MOVED or ASK), as `name rejected`.
 */
async function commandCalls(masters: Master[], names: string[], rejected = false): Promise<Record<string, number>[]> {
  return Promise.all(
    masters.map(async (m) => {
      const info = (await m.admin.info('commandstats')) as string
      const calls: Record<string, number> = {}
      for (const name of names) {
        const line = new RegExp(`cmdstat_${name}:calls=(\\d+),.*rejected_calls=(\\d+)`).exec(info)
        calls[name] = Number(line?.[1] ?? 0)
        if (rejected) calls[`${name} rejected`] = Number(line?.[2] ?? 0)
      }
      return calls
    }),
  )
}

function callsSince(before: Record<string, number>[], after: Record<string, number>[]): Record<string, number>[] {
  return after.map((a, i) =>
    Object.fromEntries(Object.entries(a).map(([k, v]) => [k, v - ((before[i] as Record<string, number>)[k] ?? 0)])),
  )
}

describe.skipIf(list === undefined)('@querycost/ioredis on a real Redis Cluster', () => {
  let where: Placement
  let cluster: Cluster
  /** `key(0, 'x')`: a key on the first master, in table `redis:qcxa`. */
  let key: (shard: number, name: string) => string
  let table: (shard: number) => string

  beforeAll(async () => {
    where = await placement(seeds)
    key = (shard, name) => {
      const s = where.shards[shard] as Placement['shards'][number]
      return `${s.prefix}:{${s.tag}}:${name}`
    }
    table = (shard) => `redis:${(where.shards[shard] as Placement['shards'][number]).prefix}`
    await clearClusterKeys(where.masters)
    cluster = instrument(rawCluster(seeds))
    await ready(cluster)
  })
  afterAll(async () => {
    if (where) await clearClusterKeys(where.masters)
    cluster?.disconnect()
    for (const m of where?.masters ?? []) m.admin.disconnect()
  })

  it('counts commands over three nodes once each, promise and callback, under each key prefix', async () => {
    const before = await commandCalls(where.masters, ['set', 'get', 'hset', 'hgetall', 'del'])
    const { report } = await measureCost(async () => {
      for (let s = 0; s < 3; s++) {
        expect(await cluster.set(key(s, 'v'), `v${s}`)).toBe('OK')
        expect(await callback<string | null>((cb) => cluster.get(key(s, 'v'), cb))).toBe(`v${s}`)
        expect(await cluster.hset(key(s, 'h'), { a: '1', b: '2', c: '3' })).toBe(3)
        expect(await callback<Record<string, string>>((cb) => cluster.hgetall(key(s, 'h'), cb))).toEqual({ a: '1', b: '2', c: '3' })
        expect(await cluster.del(key(s, 'v'), key(s, 'h'))).toBe(2)
      }
    })
    const per = { count: 5, rows: 1 + 3, affected: 1 + 3 + 2, errors: 0 }
    expect(exactFigures(report)).toEqual({ ...t(15, 12, 18), tables: { [table(0)]: per, [table(1)]: per, [table(2)]: per } })
    // The server ran each command once, on the master its table names.
    const ran = callsSince(before, await commandCalls(where.masters, ['set', 'get', 'hset', 'hgetall', 'del']))
    for (const s of where.shards) {
      expect(ran[where.masters.indexOf(s.master)]).toEqual({ set: 1, get: 1, hset: 1, hgetall: 1, del: 1 })
    }
  })

  it('counts a command and a pipeline once through MOVED redirections (a client with stale slots)', async () => {
    const shard = where.shards[0] as Placement['shards'][number]
    const from = shard.master
    const to = where.shards[1]?.master as Master
    await cluster.set(key(0, 'moved'), 'here')
    expect(cluster.slots[shard.slot]).toEqual([from.key])
    const stale = instrument(rawCluster(seeds))
    try {
      await ready(stale)
      await moveSlot(shard.slot, from, to, where.masters)
      // Both clusters still send the slot's commands to `from`, which answers MOVED.
      expect(cluster.slots[shard.slot]).toEqual([from.key])
      expect(stale.slots[shard.slot]).toEqual([from.key])
      const before = await commandCalls(where.masters, ['get', 'del'], true)
      const { report } = await measureCost(async () => {
        expect(await cluster.get(key(0, 'moved'))).toBe('here')
        expect(await callback<number>((cb) => cluster.del(key(0, 'moved'), cb))).toBe(1)
        // A pipeline whose commands all get MOVED is sent again to the new owner.
        expect(await stale.pipeline().get(key(0, 'moved')).get(key(0, 'other')).exec()).toEqual([
          [null, null],
          [null, null],
        ])
      })
      const ran = callsSince(before, await commandCalls(where.masters, ['get', 'del'], true))
      // The first MOVED taught `cluster` the new owner: its DEL went there at once.
      expect(ran[where.masters.indexOf(from)]).toEqual({ get: 0, 'get rejected': 3, del: 0, 'del rejected': 0 })
      expect(ran[where.masters.indexOf(to)]).toEqual({ get: 3, 'get rejected': 0, del: 1, 'del rejected': 0 })
      expect(cluster.slots[shard.slot]).toEqual([to.key])
      expect(exactFigures(report)).toEqual({ ...t(4, 1, 1), tables: { [table(0)]: t(4, 1, 1) } })
    } finally {
      stale.disconnect()
      await moveSlot(shard.slot, to, from, where.masters)
    }
  })

  it('counts a command and a pipeline once through ASK redirections (a slot being migrated)', async () => {
    const shard = where.shards[0] as Placement['shards'][number]
    const from = shard.master
    const to = where.shards[2]?.master as Master
    const gone = [key(0, 'ask1'), key(0, 'ask2')]
    await cluster.mset(gone[0] as string, 'x', gone[1] as string, 'y', key(0, 'stay'), 'z')
    await beginMigration(shard.slot, from, to)
    try {
      await migrateKeys(from, to, gone)
      const before = await commandCalls(where.masters, ['get', 'asking'], true)
      const { report } = await measureCost(async () => {
        expect(await cluster.get(gone[0] as string)).toBe('x') // ASK, then ASKING + GET on `to`
        expect(await cluster.get(key(0, 'stay'))).toBe('z') // still on `from`
        // A pipeline whose commands all get ASK is sent again, ASKING before each command.
        expect(
          await cluster
            .pipeline()
            .get(gone[0] as string)
            .get(gone[1] as string)
            .exec(),
        ).toEqual([
          [null, 'x'],
          [null, 'y'],
        ])
      })
      const ran = callsSince(before, await commandCalls(where.masters, ['get', 'asking'], true))
      // `from` answered ASK to three GETs and ran one; `to` ran three, each after an ASKING.
      expect(ran[where.masters.indexOf(from)]).toEqual({ get: 1, 'get rejected': 3, asking: 0, 'asking rejected': 0 })
      expect(ran[where.masters.indexOf(to)]).toEqual({ get: 3, 'get rejected': 0, asking: 3, 'asking rejected': 0 })
      expect(exactFigures(report)).toEqual({ ...t(4, 4, 0), tables: { [table(0)]: t(4, 4, 0) } })
    } finally {
      await endMigration(shard.slot, from, to, where.masters)
      await moveSlot(shard.slot, to, from, where.masters)
      await cluster.del(...gone, key(0, 'stay'))
    }
  })

  it('counts pipelines and multi() within one slot; a CROSSSLOT error counts once as an error, unchanged', async () => {
    const raw = rawCluster(seeds)
    try {
      await ready(raw)
      const { report } = await measureCost(async () => {
        const a = key(1, 'p')
        const b = key(1, 'q')
        expect(await cluster.pipeline().set(a, '1').incr(a).get(a).exec()).toEqual([
          [null, 'OK'],
          [null, 2],
          [null, '2'],
        ])
        await callback((cb) => cluster.multi().hset(b, 'f', 'v').hgetall(b).del(a, b).exec(cb))
      })
      expect(exactFigures(report)).toEqual({
        ...t(3 + 5, 1 + 1, 1 + 1 + 1 + 2),
        tables: { [table(1)]: t(6, 2, 5), [NONE]: t(2, 0, 0) },
      })

      const crossSlot = (c: Cluster) =>
        c.mget(key(0, 'v'), key(1, 'v')).then(
          () => undefined,
          (e: unknown) => e as Error,
        )
      const expectedError = await crossSlot(raw)
      expect(expectedError?.message).toMatch(/^CROSSSLOT /)
      const failed = await measureCost(async () => {
        const error = await crossSlot(cluster)
        expect(error?.constructor).toBe(expectedError?.constructor)
        expect(error?.message).toBe(expectedError?.message)
      })
      expect(exactFigures(failed.report)).toEqual({ ...t(1, 0, 0, 1), tables: { [table(0)]: t(1, 0, 0, 1), [table(1)]: t(1, 0, 0, 1) } })
    } finally {
      raw.disconnect()
    }
  })

  it('a pipeline over keys of different nodes: ioredis refuses it before sending, and nothing is counted', async () => {
    const raw = rawCluster(seeds)
    try {
      await ready(raw)
      const refuse = (c: Cluster) =>
        c
          .pipeline()
          .get(key(0, 'v'))
          .get(key(1, 'v'))
          .exec()
          .then(
            () => undefined,
            (e: unknown) => e as Error,
          )
      const expectedError = await refuse(raw)
      const { report } = await measureCost(async () => {
        expect((await refuse(cluster))?.message).toBe(expectedError?.message)
      })
      expect(exactFigures(report)).toEqual({ ...t(0, 0, 0), tables: {} })
      expect(report.dbWallMs).toBeLessThanOrEqual(report.wallMs)
    } finally {
      raw.disconnect()
    }
  })

  describe('concurrency', () => {
    let auto: Cluster

    beforeAll(async () => {
      auto = instrument(rawCluster(seeds, { enableAutoPipelining: true }))
      await ready(auto)
      await cluster.set(key(1, 'seed'), 'b')
      await cluster.hset(key(2, 'seed'), { x: '1', y: '2' })
    })
    afterAll(() => auto?.disconnect())

    /** Ten commands over the three nodes, through every style; what the report must say. */
    async function work(i: number, rnd: () => number): Promise<Expected> {
      const e = expected()
      const pause = () => sleep(Math.floor(rnd() * 3))
      const mine = key(0, `c${i}`)
      expect(await cluster.set(mine, String(i))).toBe('OK')
      addExpected(e, [table(0)], 0, 1)
      await pause()
      expect(await callback<string | null>((cb) => cluster.get(mine, cb))).toBe(String(i))
      addExpected(e, [table(0)], 1, 0)
      // Auto-pipelined: batched per node with other contexts' commands, sent on a later tick.
      const [seed, hash, n] = await Promise.all([auto.get(key(1, 'seed')), auto.hgetall(key(2, 'seed')), auto.incr(key(1, `n${i}`))])
      expect([seed, hash, n]).toEqual(['b', { x: '1', y: '2' }, 1])
      addExpected(e, [table(1)], 1, 0)
      addExpected(e, [table(2)], 2, 0)
      addExpected(e, [table(1)], 0, 1)
      await pause()
      const p = key(2, `p${i}`)
      await cluster.pipeline().incr(p).get(p).del(p).exec()
      addExpected(e, [table(2)], 0, 1)
      addExpected(e, [table(2)], 1, 0)
      addExpected(e, [table(2)], 0, 1)
      await pause()
      await Promise.all([cluster.del(mine), auto.del(key(1, `n${i}`))])
      addExpected(e, [table(0)], 0, 1)
      addExpected(e, [table(1)], 0, 1)
      return e
    }

    it(`${CONTEXTS} concurrent contexts x 10 commands over the cluster (one plain, one auto-pipelined): every report exact, none lost`, async () => {
      resetLostContext()
      const expectations: Expected[] = new Array(CONTEXTS)
      const reports = await Promise.all(
        Array.from({ length: CONTEXTS }, (_, i) =>
          measureCost(
            async () => {
              await sleep(i % 4)
              expectations[i] = await work(i, random(26 + i))
            },
            { name: `cluster-${i}` },
          ).then(({ report }) => report),
        ),
      )
      for (let i = 0; i < CONTEXTS; i++) {
        expect(expectations[i]?.count).toBe(10)
        expect({ i, ...exactFigures(reports[i] as CostReport) }).toEqual({ i, ...expectations[i] })
      }
      expect(reports.filter((r, i) => !isDeepStrictEqual(exactFigures(r), expectations[i])).length).toBe(0)
      expect(lostContextStats().total.count).toBe(0)
    })

    it('counts commands sent outside any context as lost, per table', async () => {
      resetLostContext()
      await cluster.set(key(0, 'lost'), '1')
      await Promise.all([auto.get(key(1, 'seed')), auto.get(key(1, 'seed'))])
      await cluster.del(key(0, 'lost'))
      expect(exactFigures(lostContextStats())).toEqual({ ...t(4, 2, 2), tables: { [table(0)]: t(2, 0, 2), [table(1)]: t(2, 2, 0) } })
    })
  })

  it("never counts the cluster's own traffic: handshakes, the ready check, slot refreshes, quit", async () => {
    resetLostContext()
    // Outside any context: connecting, the ready check and periodic refreshes are not lost operations.
    const quiet = instrument(rawCluster(seeds, { slotsRefreshInterval: 50 }))
    await ready(quiet)
    await sleep(300)
    expect(lostContextStats().total.count).toBe(0)
    // Inside one: a cluster that connects, refreshes (periodically and on demand) and quits.
    const { report } = await measureCost(async () => {
      const inside = instrument(rawCluster(seeds, { slotsRefreshInterval: 50 }))
      await ready(inside)
      await new Promise<void>((resolve, reject) => inside.refreshSlotsCache((err) => (err ? reject(err) : resolve())))
      await sleep(200)
      expect(await inside.get(key(0, 'none'))).toBe(null)
      await inside.quit()
      await quiet.quit()
    })
    expect(exactFigures(report)).toEqual({ ...t(1, 0, 0), tables: { [table(0)]: t(1, 0, 0) } })
    expect(lostContextStats().total.count).toBe(0)
  })

  it.skip("READONLY of scaleReads: 'slave' (the test cluster has no replicas)", () => {})

  it('instrumentModule(ioredis).Cluster counts as instrument(new Cluster()) does, with the same own properties', async () => {
    const Instrumented = instrumentModule(Redis)
    const built = new Instrumented.Cluster(seeds)
    try {
      expect(built).toBeInstanceOf(Cluster)
      expect(Object.getPrototypeOf(built)).toBe(Cluster.prototype)
      await ready(built)
      const run = (c: Cluster) =>
        measureCost(async () => {
          await c.set(key(0, 'm'), '1')
          await callback((cb) => c.get(key(0, 'm'), cb))
          await c.pipeline().incr(key(1, 'm')).get(key(1, 'm')).exec()
          await c.multi().del(key(0, 'm')).exec()
          await c.del(key(1, 'm'))
          await c.mget(key(0, 'm'), key(2, 'm')).catch(() => undefined)
        }).then(({ report }) => exactFigures(report))
      const viaModule = await run(built)
      const viaInstrument = await run(cluster)
      expect(viaModule).toEqual(viaInstrument)
      expect(viaModule).toEqual({
        ...t(1 + 1 + 2 + 3 + 1 + 1, 1 + 1, 1 + 1 + 1 + 1, 1),
        tables: { [table(0)]: t(4, 1, 2, 1), [table(1)]: t(3, 1, 2), [table(2)]: t(1, 0, 0, 1), [NONE]: t(2, 0, 0) },
      })
      expect(Object.getOwnPropertyNames(built).sort()).toEqual(Object.getOwnPropertyNames(cluster).sort())
    } finally {
      built.disconnect()
    }
  })

  describe('commands sent directly to cluster.nodes()', () => {
    it('are not counted: the nodes are ioredis clients the user did not wrap', async () => {
      resetLostContext()
      const { report } = await measureCost(async () => {
        for (const [i, s] of where.shards.entries()) {
          const node = cluster.nodes('master').find((n) => `${n.options.host}:${n.options.port}` === s.master.key) as Redis
          expect(await node.set(key(i, 'direct'), 'd')).toBe('OK')
          expect(await node.keys(`${key(i, 'direct')}*`)).toEqual([key(i, 'direct')])
          expect(await node.del(key(i, 'direct'))).toBe(1)
        }
      })
      expect(exactFigures(report)).toEqual({ ...t(0, 0, 0), tables: {} })
      expect(lostContextStats().total.count).toBe(0)
    })

    it('instrument(node) counts them once, in the caller context; routed commands still once; refreshes and ASKING never', async () => {
      const own = instrument(rawCluster(seeds))
      const shard = where.shards[0] as Placement['shards'][number]
      const to = where.shards[1]?.master as Master
      let migrating = false
      try {
        await ready(own)
        const nodes = where.shards.map((s) =>
          instrument(own.nodes('master').find((n) => `${n.options.host}:${n.options.port}` === s.master.key) as Redis),
        )
        resetLostContext()
        const { report } = await measureCost(async () => {
          for (const [i, node] of nodes.entries()) {
            expect(await node.set(key(i, 'direct'), 'd')).toBe('OK') // direct
            expect(await own.get(key(i, 'direct'))).toBe('d') // routed, through the same node
            expect(await callback<string[]>((cb) => node.keys(`${key(i, 'direct')}*`, cb))).toEqual([key(i, 'direct')]) // direct, (none)
            await own.pipeline().get(key(i, 'direct')).del(key(i, 'direct')).exec() // routed
          }
          // Slot refreshes run CLUSTER SLOTS on a duplicate of a node: never counted.
          for (let r = 0; r < 3; r++) {
            await new Promise<void>((resolve, reject) => own.refreshSlotsCache((err) => (err ? reject(err) : resolve())))
          }
          // An ASK redirection sends ASKING on the (instrumented) target node: not counted.
          await own.set(key(0, 'asked'), 'a')
          await beginMigration(shard.slot, shard.master, to)
          migrating = true
          await migrateKeys(shard.master, to, [key(0, 'asked')])
          expect(await own.get(key(0, 'asked'))).toBe('a')
        })
        const per = { count: 4, rows: 2, affected: 2, errors: 0 }
        expect(exactFigures(report)).toEqual({
          ...t(12 + 3 + 2, 6 + 3 + 1, 6 + 1),
          tables: { [table(0)]: t(6, 3, 3), [table(1)]: per, [table(2)]: per, [NONE]: t(3, 3, 0) },
        })
        expect(lostContextStats().total.count).toBe(0)
        // cluster.quit() sends QUIT to each node itself: one QUIT per node the user instrumented.
        await endMigration(shard.slot, shard.master, to, where.masters)
        await moveSlot(shard.slot, to, shard.master, where.masters)
        migrating = false
        await own.del(key(0, 'asked'))
        const quit = await measureCost(() => own.quit())
        expect(exactFigures(quit.report)).toEqual({ ...t(3, 0, 0), tables: { [NONE]: t(3, 0, 0) } })
      } finally {
        if (migrating) {
          await endMigration(shard.slot, shard.master, to, where.masters)
          await moveSlot(shard.slot, to, shard.master, where.masters)
        }
        own.disconnect()
      }
    })
  })
})
