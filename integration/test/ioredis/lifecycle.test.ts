import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { measureCost } from '@querycost/core'
import { instrumentModule } from '@querycost/ioredis'
import { Redis as IORedis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { DB, rawClient, seedRedis } from './fixtures.js'

// ioredis's own test suite, run with every client built from instrumentModule(), died
// with "JavaScript heap out of memory" and "11 close listeners added to [Socket]". The
// cause: instrumentModule returned a subclass of ioredis's Redis, and ioredis builds
// clients of its own (duplicate(), cluster nodes, the cluster and sharded subscribers)
// from its base class. The suite patches `Redis.prototype` (sinon stubs of subscribe,
// connect, disconnect) on the class it was given; those patches never reached the
// internal clients, tests timed out, and the clients they were meant to disconnect
// stayed connected: Clusters kept reselecting a subscriber, each round adding a 'close'
// listener to the same socket, until the heap ran out. The first test below fails
// before the fix (a duplicate() is not an instance of the class, a patch on its
// prototype misses it, and the clients it tracks stay connected on the server); the
// second shows that many instrumented clients connecting, subscribing, reconnecting
// and disconnecting leave memory, listeners and the server's client list as they were.

const url = inject('redisUrl')
const NAME = `qc-life-${process.pid}`
const ROUNDS = 20

const gc: () => void = (() => {
  setFlagsFromString('--expose-gc')
  return runInNewContext('gc') as () => void
})()

function heapAfterGc(): number {
  gc()
  gc()
  return process.memoryUsage().heapUsed
}

async function namedClients(admin: IORedis): Promise<number> {
  const list = (await admin.client('LIST')) as string
  return list.split('\n').filter((line) => line.includes(` name=${NAME} `)).length
}

async function settle(admin: IORedis, expected: number): Promise<number> {
  let n = await namedClients(admin)
  for (let i = 0; i < 250 && n !== expected; i++) {
    await new Promise((resolve) => setTimeout(resolve, 20))
    n = await namedClients(admin)
  }
  return n
}

/** Resolves once `subscriber` receives a message: the raw `admin` publishes until it does. */
async function listening(admin: IORedis, subscriber: IORedis): Promise<void> {
  let heard = false
  subscriber.once('message', () => {
    heard = true
  })
  for (let i = 0; i < 500 && !heard; i++) {
    await admin.publish('qclife:chan', 'ping')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  if (!heard) throw new Error('the subscriber never heard qclife:chan')
}

/** `promise`, or a named error after `ms`: a step that never ends says which it was. */
function within<T>(promise: Promise<T>, what: string, ms = 15_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms)
  })
  return Promise.race([promise, late]).finally(() => clearTimeout(timer))
}

/** Waits for a new client's first 'ready' (so a later one is its reconnection's). */
function connected(client: IORedis): Promise<void> {
  if (client.status === 'ready') return Promise.resolve()
  return within(new Promise<void>((resolve) => client.once('ready', () => resolve())), 'connection')
}

/** Drops the client's connection and waits until ioredis has reconnected it. */
function reconnect(client: IORedis): Promise<void> {
  const ready = new Promise<void>((resolve) => client.once('ready', () => resolve()))
  client.disconnect(true)
  return within(ready, 'reconnection')
}

describe.skipIf(url === undefined)('@querycost/ioredis: clients ioredis builds itself, and many clients over time', () => {
  let admin: IORedis
  const warnings: Error[] = []
  const onWarning = (warning: Error) => {
    if (warning.name === 'MaxListenersExceededWarning') warnings.push(warning)
  }

  beforeAll(async () => {
    await seedRedis(url as string)
    admin = rawClient(url as string)
    process.on('warning', onWarning)
  })
  afterAll(() => {
    process.off('warning', onWarning)
    admin?.disconnect()
  })

  it('a patch on Redis.prototype reaches the clients ioredis builds itself; each command counts once (fails before the fix)', async () => {
    const Redis = instrumentModule(IORedis)
    // What the driver's suite (and cleanup helpers in apps' tests) do: patch the class
    // they were given to track every client, then disconnect them all at the end.
    const tracked = new Set<IORedis>()
    const duplicates: IORedis[] = []
    const connect = Redis.prototype.connect
    Redis.prototype.connect = function (this: IORedis, ...args: Parameters<IORedis['connect']>) {
      tracked.add(this)
      return connect.apply(this, args)
    }
    try {
      for (let round = 0; round < ROUNDS; round++) {
        const client = new Redis(url as string, { db: DB, connectionName: NAME })
        const subscriber = client.duplicate() // built by ioredis: `new Redis(...)` inside
        duplicates.push(subscriber)
        await connected(subscriber)
        const { report } = await measureCost(async () => {
          expect(await client.get('qci:1')).toBe('item 1')
          await subscriber.subscribe('qclife:chan')
          await reconnect(subscriber) // ioredis subscribes again by itself
          await listening(admin, subscriber)
          const text = `round ${round}`
          const message = new Promise((resolve) => {
            const onMessage = (_channel: string, received: string) => {
              if (received !== text) return // a late 'ping'
              subscriber.off('message', onMessage)
              resolve(received)
            }
            subscriber.on('message', onMessage)
          })
          await client.publish('qclife:chan', text)
          expect(await within(message, `message ${text}`)).toBe(text)
        })
        // GET, SUBSCRIBE, PUBLISH: the re-subscription after the reconnection is ioredis's own.
        expect(report.total.count).toBe(3)
        // A channel is not a key: SUBSCRIBE and PUBLISH go to (none).
        expect(Object.keys(report.tables).sort()).toEqual(['redis:(none)', 'redis:qci'])
        expect(report.tables['redis:(none)']?.count).toBe(2)
      }
      for (const client of tracked) client.disconnect()
      // Before the fix: the 20 subscribers stayed connected (held sockets, listeners, memory).
      expect(await settle(admin, 0)).toBe(0)
      expect(tracked.size).toBe(2 * ROUNDS)
      for (const subscriber of duplicates) expect(subscriber).toBeInstanceOf(Redis)
    } finally {
      Redis.prototype.connect = connect
      for (const client of [...tracked, ...duplicates]) client.disconnect()
    }
    expect(warnings).toEqual([])
  })

  it('connecting, subscribing, reconnecting and disconnecting many clients leaves memory, listeners and connections flat', async () => {
    const Redis = instrumentModule(IORedis)
    const cycle = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const client = new Redis(url as string, { db: DB, connectionName: NAME })
        const subscriber = client.duplicate()
        await connected(client)
        await connected(subscriber) // SUBSCRIBE before the ready check's INFO makes ioredis's INFO fail
        await subscriber.subscribe('qclife:chan')
        await measureCost(() => client.get('qci:1'))
        await reconnect(client)
        await client.get('qci:2') // outside any context: counted as lost
        client.disconnect()
        subscriber.disconnect()
      }
      return settle(admin, 0)
    }
    expect(await cycle(20)).toBe(0) // warm-up: ioredis's command table, JIT, caches
    const before = heapAfterGc()
    expect(await cycle(150)).toBe(0)
    const grown = heapAfterGc() - before
    // 150 rounds, 300 connections: a client or socket held per round would be ~30 kB each.
    expect(grown).toBeLessThan(1_500_000)

    // One long-lived client reconnected many times keeps the same listeners.
    const client = new Redis(url as string, { db: DB, connectionName: NAME })
    await connected(client)
    await client.subscribe('qclife:chan')
    const listeners = () => client.eventNames().map((name) => `${String(name)}:${client.listenerCount(name)}`)
    const streamClose = () => (client as unknown as { stream: NodeJS.EventEmitter }).stream.listenerCount('close')
    const first = { listeners: listeners(), close: streamClose() }
    for (let i = 0; i < 30; i++) {
      await reconnect(client)
    }
    expect({ listeners: listeners(), close: streamClose() }).toEqual(first)
    client.disconnect()
    expect(await settle(admin, 0)).toBe(0)
    expect(warnings).toEqual([])
  })
})
