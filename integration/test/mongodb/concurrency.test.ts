import { isDeepStrictEqual } from 'node:util'
import { type CostReport, lostContextStats, measureCost, resetLostContext } from '@querycost/core'
import { activeContext, beginOperationIn, makeTarget, type Operation, setCallbackBinding } from '@querycost/core/driver'
import { instrument } from '@querycost/mongodb'
import type { ConnectionCheckedOutEvent, Document, FindCursor, MongoClient } from 'mongodb'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { addExpected, type Expected, exactFigures, expected, random, sleep } from '../../src/expect-report.js'
import { DB, rawClient, type ServerCounts, serverCounts } from './fixtures.js'

const url = inject('mongodbUrl')
const CONTEXTS = 240
const BATCH = 2

/** Documents in context i's own collection: odd, so no batch ends exactly at the end. */
const docsOf = (i: number) => 5 + 2 * (i % 4)
const readName = (i: number) => `qc_c${i}`
const writeName = (i: number) => `qc_w${i}`
/** A document in context i's read collection: `_id` and `k` are 0..docsOf(i)-1. */
interface ReadDoc {
  _id: number
  k: number
}
/** A document in context i's write collection: numbered ones, and one `'txn'` in a transaction. */
interface WriteDoc {
  _id: number | string
  v?: number
}

type Style = (cursor: FindCursor<Document>) => Promise<number>
const STYLES: Style[] = [
  async (c) => (await c.toArray()).length,
  async (c) => {
    let n = 0
    while ((await c.next()) !== null) n++
    return n
  },
  async (c) => {
    let n = 0
    for await (const _ of c) n++
    return n
  },
  async (c) => {
    let n = 0
    await c.forEach(() => {
      n++
    })
    return n
  },
  (c) =>
    new Promise((resolve, reject) => {
      let n = 0
      c.stream()
        .on('data', () => n++)
        .on('end', () => resolve(n))
        .on('error', reject)
    }),
]

/** One context's work, every API style in turn, with random delays; returns what its report must say. */
async function work(client: MongoClient, i: number, rnd: () => number): Promise<Expected> {
  const e = expected()
  const db = client.db(DB)
  const reads = db.collection<ReadDoc>(readName(i))
  const writes = db.collection<WriteDoc>(writeName(i))
  const R = [`mongodb:${readName(i)}`]
  const W = [`mongodb:${writeName(i)}`]
  const n = docsOf(i)
  const pause = () => sleep(Math.floor(rnd() * 4))

  // A whole cursor in one of five styles: find, then getMores of BATCH.
  expect(await (STYLES[i % STYLES.length] as Style)(reads.find({}, { batchSize: BATCH }))).toBe(n)
  addExpected(e, R, BATCH, 0)
  addExpected(e, R, n - BATCH, 0, 0, Math.ceil((n - BATCH) / BATCH))
  await pause()

  // A cursor read in two halves with a pause between, then closed early: find, getMore, killCursors.
  const cursor = reads.find({ k: { $gte: 0 } }, { batchSize: BATCH })
  await cursor.next()
  await pause()
  await cursor.next()
  await cursor.next()
  await cursor.close()
  addExpected(e, R, BATCH, 0)
  addExpected(e, R, BATCH, 0)
  addExpected(e, R, 0, 0)
  await pause()

  // Writes, affected from the replies.
  const k = 1 + (i % 3)
  await writes.insertMany(Array.from({ length: k }, (_, j) => ({ _id: j, v: 0 })))
  addExpected(e, W, 0, k)
  expect((await writes.updateMany({ v: 0 }, { $set: { v: i + 1 } })).modifiedCount).toBe(k)
  addExpected(e, W, 0, k)
  expect(await writes.findOneAndUpdate({ _id: 0 }, { $inc: { v: 1 } })).toEqual({ _id: 0, v: i + 1 })
  addExpected(e, W, 1, 1)
  await pause()
  expect(await reads.countDocuments({ k: { $lt: 3 } })).toBe(3)
  addExpected(e, R, 1, 0)
  if (i % 4 === 0) {
    const session = client.startSession()
    try {
      await session.withTransaction(async () => {
        await writes.insertOne({ _id: 'txn' }, { session })
      })
    } finally {
      await session.endSession()
    }
    addExpected(e, W, 0, 1)
    addExpected(e, ['mongodb:(none)'], 0, 0)
  }
  // Concurrent reads inside one context.
  const [a, b] = await Promise.all([reads.findOne({ k: 1 }), reads.find({ k: { $lt: 2 } }).toArray()])
  expect(a?.k).toBe(1)
  expect(b).toHaveLength(2)
  addExpected(e, R, 1, 0)
  addExpected(e, R, 2, 0)
  expect((await writes.deleteMany({})).deletedCount).toBe(k + (i % 4 === 0 ? 1 : 0))
  addExpected(e, W, 0, k + (i % 4 === 0 ? 1 : 0))
  return e
}

async function runAll(
  client: MongoClient,
  seed: number,
  contexts = CONTEXTS,
): Promise<{ reports: CostReport[]; expectations: Expected[] }> {
  const expectations: Expected[] = []
  const reports = await Promise.all(
    Array.from({ length: contexts }, (_, i) =>
      measureCost(
        async () => {
          const rnd = random(seed * 1000 + i)
          await sleep(Math.floor(rnd() * 5))
          expectations[i] = await work(client, i, rnd)
        },
        { name: `ctx ${i}` },
      ).then(({ report }) => report),
    ),
  )
  return { reports, expectations }
}

function wrongReports(reports: CostReport[], expectations: Expected[]): number {
  return reports.filter((r, i) => !isDeepStrictEqual(exactFigures(r), expectations[i])).length
}

/** Each context's collections as the server counted them, against its report. */
function serverView(counts: ServerCounts, i: number): Record<string, { count: number; documents: number }> {
  const view: Record<string, { count: number; documents: number }> = {}
  for (const name of [readName(i), writeName(i)])
    view[`mongodb:${name}`] = { count: counts[name]?.count ?? 0, documents: counts[name]?.documents ?? 0 }
  return view
}

function reportView(report: CostReport, i: number): Record<string, { count: number; documents: number }> {
  const view: Record<string, { count: number; documents: number }> = {}
  for (const name of [readName(i), writeName(i)]) {
    const t = report.tables[`mongodb:${name}`]
    view[`mongodb:${name}`] = { count: t?.count ?? 0, documents: t?.rows ?? 0 }
  }
  return view
}

describe.skipIf(url === undefined)('@querycost/mongodb: exact attribution under concurrency', () => {
  let client: MongoClient
  let raw: MongoClient

  beforeAll(async () => {
    raw = rawClient(url as string)
    const db = raw.db(DB)
    await Promise.all(
      Array.from({ length: CONTEXTS }, async (_, i) => {
        await db
          .collection(readName(i))
          .drop()
          .catch(() => undefined)
        await db
          .collection(writeName(i))
          .drop()
          .catch(() => undefined)
        await db.collection<ReadDoc>(readName(i)).insertMany(Array.from({ length: docsOf(i) }, (_, k) => ({ _id: k, k })))
        await db.createCollection(writeName(i))
      }),
    )
    client = instrument(rawClient(url as string, { maxPoolSize: 2 }))
    await client.connect()
  }, 120_000)
  afterAll(async () => {
    setCallbackBinding(true)
    await client?.close()
    if (raw)
      await Promise.all(
        Array.from({ length: CONTEXTS }, (_, i) =>
          raw
            .db(DB)
            .collection(readName(i))
            .drop()
            .catch(() => undefined),
        ),
      )
    if (raw)
      await Promise.all(
        Array.from({ length: CONTEXTS }, (_, i) =>
          raw
            .db(DB)
            .collection(writeName(i))
            .drop()
            .catch(() => undefined),
        ),
      )
    await raw?.close()
  }, 120_000)

  it(`${CONTEXTS} concurrent contexts over a pool of 2, small batches, every API style: every report exact and equal to what the server counted`, async () => {
    resetLostContext()
    await serverCounts(raw, true)
    const { reports, expectations } = await runAll(client, 1)
    const counts = await serverCounts(raw)
    for (let i = 0; i < CONTEXTS; i++) {
      const report = reports[i] as CostReport
      expect({ i, ...exactFigures(report) }).toEqual({ i, ...expectations[i] })
      // The test server's own tally (absent on a real mongod, which has no such command).
      if (counts !== undefined) expect({ i, ...reportView(report, i) }).toEqual({ i, ...serverView(counts, i) })
    }
    expect(lostContextStats().total.count).toBe(0)
    expect(reports.reduce((n, r) => n + r.total.count, 0)).toBe(expectations.reduce((n, e) => n + e.count, 0))
    expect(reports.some((r) => r.poolWaitMs > 0)).toBe(true)
  }, 120_000)

  // The driver awaits its way from the caller's find() or next() down to the socket,
  // a busy pool's wait queue included, so command monitoring runs in the caller's
  // context without any rebinding: this package never calls bindCallback, and
  // switching rebinding off changes nothing.
  it('stays exact with callback rebinding switched off (the driver keeps context through its awaits)', async () => {
    resetLostContext()
    setCallbackBinding(false)
    try {
      const { reports, expectations } = await runAll(client, 2, CONTEXTS / 2)
      expect(wrongReports(reports, expectations)).toBe(0)
      expect(lostContextStats().total.count).toBe(0)
    } finally {
      setCallbackBinding(true)
    }
  }, 120_000)

  it('the same test fails with a naive instrumentation that takes the context at connection checkout', async () => {
    // What a pool-event instrumentation does: remember the context that checked out each
    // connection, and count the commands sent on it there. A busy pool hands a connection
    // over from the request that checked it back in, so commands land in the wrong request.
    const naive = rawClient(url as string, { maxPoolSize: 2, monitorCommands: true })
    const owner = new Map<ConnectionCheckedOutEvent['connectionId'], ReturnType<typeof activeContext>>()
    const ops = new Map<number, Operation>()
    naive.on('connectionCheckedOut', (e) => owner.set(e.connectionId, activeContext()))
    naive.on('commandStarted', (e) => {
      if (e.commandName === 'hello' || e.commandName === 'endSessions') return
      ops.set(
        e.requestId,
        beginOperationIn(owner.get(e.connectionId as number), makeTarget('mongodb', e.commandName, [String(e.command[e.commandName])])),
      )
    })
    naive.on('commandSucceeded', (e) => ops.get(e.requestId)?.end(0, 0))
    naive.on('commandFailed', (e) => ops.get(e.requestId)?.fail())
    try {
      await naive.connect()
      const { reports, expectations } = await runAll(naive, 3, CONTEXTS / 2)
      const wrong = reports.filter((r, i) => r.total.count !== expectations[i]?.count).length
      expect(wrong).toBeGreaterThan(CONTEXTS / 20)
    } finally {
      resetLostContext()
      await naive.close()
    }
  }, 120_000)
})
