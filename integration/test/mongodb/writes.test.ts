import { measureCost } from '@querycost/core'
import { instrument } from '@querycost/mongodb'
import { type MongoClient, MongoServerError } from 'mongodb'
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest'
import { exactFigures } from '../../src/expect-report.js'
import { DB, type Order, rawClient, seedMongo } from './fixtures.js'

const url = inject('mongodbUrl')
const W = 'mongodb:qc_writes'
const O = 'mongodb:qc_orders'
const NONE = 'mongodb:(none)'

/** A `qc_writes` document: numeric `_id`, and the fields the tests write. */
interface Write {
  _id: number
  n?: number
  x?: number
  done?: boolean
}

function t(count: number, rows: number, affected = 0, errors = 0) {
  return { count, rows, affected, errors }
}
const withOps = { ...t(0, 0), tables: { [W]: { ...t(0, 0), operations: {} } } }

describe.skipIf(url === undefined)('@querycost/mongodb: writes, affected from the reply', () => {
  let client: MongoClient
  let raw: MongoClient

  beforeAll(async () => {
    await seedMongo(url as string)
    raw = rawClient(url as string)
    client = instrument(rawClient(url as string))
    await client.connect()
  })
  beforeEach(async () => {
    await raw.db(DB).collection<Write>('qc_writes').deleteMany({})
  })
  afterAll(async () => {
    await raw
      ?.db(DB)
      .collection<Write>('qc_writes')
      .drop()
      .catch(() => undefined)
    await client?.close()
    await raw?.close()
  })

  const writes = () => client.db(DB).collection<Write>('qc_writes')

  it('insertOne, insertMany, updateOne, updateMany, upsert, replaceOne, deleteOne, deleteMany', async () => {
    const { report } = await measureCost(async () => {
      await writes().insertOne({ _id: 1, n: 1 }) // 1
      await writes().insertMany([2, 3, 4, 5].map((i) => ({ _id: i, n: i }))) // 4, one command
      expect((await writes().updateOne({ _id: 1 }, { $set: { n: 10 } })).modifiedCount).toBe(1) // 1
      expect((await writes().updateOne({ _id: 1 }, { $set: { n: 10 } })).modifiedCount).toBe(0) // matched, unchanged: 0
      expect((await writes().updateMany({ n: { $lt: 5 } }, { $inc: { n: 100 } })).modifiedCount).toBe(3) // 3
      expect((await writes().updateOne({ _id: 6 }, { $set: { n: 6 } }, { upsert: true })).upsertedCount).toBe(1) // 1
      expect((await writes().replaceOne({ _id: 2 }, { n: 2 })).modifiedCount).toBe(1) // 1
      expect((await writes().deleteOne({ _id: 6 })).deletedCount).toBe(1) // 1
      expect((await writes().deleteMany({ n: { $gt: 100 } })).deletedCount).toBe(2) // 3 and 4
    })
    expect(exactFigures(report, withOps)).toEqual({
      ...t(9, 0, 14),
      tables: {
        [W]: {
          ...t(9, 0, 14),
          operations: { insert: t(2, 0, 5), update: t(5, 0, 6), delete: t(2, 0, 3) },
        },
      },
    })
  })

  it('bulkWrite: one operation per server command (an ordered bulk of 4 runs is 4)', async () => {
    const { report } = await measureCost(() =>
      writes().bulkWrite([
        { insertOne: { document: { _id: 1 } } },
        { insertOne: { document: { _id: 2 } } },
        { updateOne: { filter: { _id: 1 }, update: { $set: { x: 1 } } } },
        { deleteOne: { filter: { _id: 2 } } },
        { insertOne: { document: { _id: 3 } } },
      ]),
    )
    expect(exactFigures(report, withOps)).toEqual({
      ...t(4, 0, 5),
      tables: { [W]: { ...t(4, 0, 5), operations: { insert: t(2, 0, 3), update: t(1, 0, 1), delete: t(1, 0, 1) } } },
    })
  })

  it('findOneAndUpdate, findOneAndReplace, findOneAndDelete: findAndModify, the document returned and written', async () => {
    await raw
      .db(DB)
      .collection<Write>('qc_writes')
      .insertMany([
        { _id: 1, n: 1 },
        { _id: 2, n: 2 },
      ])
    const { report } = await measureCost(async () => {
      expect(await writes().findOneAndUpdate({ _id: 1 }, { $inc: { n: 1 } }, { returnDocument: 'after' })).toEqual({ _id: 1, n: 2 })
      expect(await writes().findOneAndReplace({ _id: 2 }, { n: 20 })).toEqual({ _id: 2, n: 2 })
      expect(await writes().findOneAndDelete({ _id: 1 })).toEqual({ _id: 1, n: 2 })
      expect(await writes().findOneAndUpdate({ _id: 9 }, { $set: { n: 9 } })).toBeNull() // no match
      expect(await writes().findOneAndUpdate({ _id: 9 }, { $set: { n: 9 } }, { upsert: true, returnDocument: 'after' })).toEqual({
        _id: 9,
        n: 9,
      })
    })
    expect(exactFigures(report, withOps)).toEqual({
      ...t(5, 4, 4),
      tables: { [W]: { ...t(5, 4, 4), operations: { findAndModify: t(5, 4, 4) } } },
    })
  })

  it('countDocuments, estimatedDocumentCount, distinct', async () => {
    const orders = client.db(DB).collection<Order>('qc_orders')
    const { report } = await measureCost(async () => {
      expect(await orders.countDocuments({ status: 'new' })).toBe(13) // aggregate: 1 document
      expect(await orders.estimatedDocumentCount()).toBe(25) // count: its one result
      expect((await orders.distinct('status')).sort()).toEqual(['new', 'paid']) // 2 values
    })
    expect(exactFigures(report, { ...t(0, 0), tables: { [O]: { ...t(0, 0), operations: {} } } })).toEqual({
      ...t(3, 4),
      tables: { [O]: { ...t(3, 4), operations: { aggregate: t(1, 1), count: t(1, 1), distinct: t(1, 2) } } },
    })
  })

  it('createIndex, listCollections, drop and ping: their collection, or (none)', async () => {
    const { report } = await measureCost(async () => {
      expect(await writes().createIndex({ n: 1 })).toBe('n_1')
      const names = (await client.db(DB).listCollections({ name: 'qc_writes' }).toArray()).map((c) => c.name)
      expect(names).toEqual(['qc_writes'])
      expect(await client.db(DB).command({ ping: 1 })).toMatchObject({ ok: 1 })
      expect(await writes().drop()).toBe(true)
    })
    expect(
      exactFigures(report, { ...t(0, 0), tables: { [W]: { ...t(0, 0), operations: {} }, [NONE]: { ...t(0, 0), operations: {} } } }),
    ).toEqual({
      ...t(4, 1),
      tables: {
        [W]: { ...t(2, 0), operations: { createIndexes: t(1, 0), drop: t(1, 0) } },
        [NONE]: { ...t(2, 1), operations: { listCollections: t(1, 1), ping: t(1, 0) } },
      },
    })
  })

  it('errors: counted, and the driver error reaches the caller unchanged (E11000)', async () => {
    await raw.db(DB).collection<Write>('qc_writes').insertOne({ _id: 1 })
    const plain = rawClient(url as string)
    const expected = await plain
      .db(DB)
      .collection<Write>('qc_writes')
      .insertOne({ _id: 1 })
      .catch((e: unknown) => e)
    await plain.close()
    const { result, report } = await measureCost(async () => {
      const dup = await writes()
        .insertOne({ _id: 1 })
        .catch((e: unknown) => e)
      const unknown = await client
        .db(DB)
        .command({ querycostNoSuchCommand: 1 })
        .catch((e: unknown) => e)
      return { dup, unknown }
    })
    expect(result.dup).toBeInstanceOf(MongoServerError)
    expect((result.dup as Error).constructor).toBe((expected as Error).constructor)
    expect((result.dup as MongoServerError).code).toBe(11000)
    expect((result.dup as Error).message).toBe((expected as Error).message)
    expect((result.unknown as MongoServerError).code).toBe(59)
    expect((result.unknown as MongoServerError).codeName).toBe('CommandNotFound')
    expect(exactFigures(report)).toEqual({ ...t(2, 0, 0, 2), tables: { [W]: t(1, 0, 0, 1), [NONE]: t(1, 0, 0, 1) } })
  })

  it('transactions: each command in its collection, commit and abort on (none)', async () => {
    const session = client.startSession()
    try {
      const { report } = await measureCost(async () => {
        await session.withTransaction(async () => {
          await writes().insertOne({ _id: 1 }, { session })
          await writes().updateOne({ _id: 1 }, { $set: { done: true } }, { session })
        })
        session.startTransaction()
        await writes().insertOne({ _id: 2 }, { session })
        await session.abortTransaction()
      })
      expect(await raw.db(DB).collection<Write>('qc_writes').find().toArray()).toEqual([{ _id: 1, done: true }])
      expect(
        exactFigures(report, { ...t(0, 0), tables: { [W]: { ...t(0, 0), operations: {} }, [NONE]: { ...t(0, 0), operations: {} } } }),
      ).toEqual({
        ...t(5, 0, 3),
        tables: {
          [W]: { ...t(3, 0, 3), operations: { insert: t(2, 0, 2), update: t(1, 0, 1) } },
          [NONE]: { ...t(2, 0), operations: { commitTransaction: t(1, 0), abortTransaction: t(1, 0) } },
        },
      })
    } finally {
      await session.endSession()
    }
  })

  it('repeated: a loop of findOne by _id is one fingerprint, values as ?', async () => {
    const orders = client.db(DB).collection<Order>('qc_orders')
    const { report } = await measureCost(async () => {
      for (let i = 1; i <= 12; i++) await orders.findOne({ _id: i, status: 'secret-value' })
    })
    expect(report.repeated.map((r) => ({ ...r, durationMs: 0 }))).toEqual([
      { system: 'mongodb', fingerprint: 'find qc_orders {_id:?,status:?}', tables: ['qc_orders'], count: 12, durationMs: 0 },
    ])
    expect(JSON.stringify(report)).not.toContain('secret-value')
  })
})
