import { MongoBulkWriteError, MongoClient, MongoServerError } from 'mongodb'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type MongoTestServer, startMongoServer } from '../../src/mongo-server/server.js'

/** An `items` document: numeric `_id`s, and string ones in the transaction test. */
interface Item {
  _id: number | string
  even?: boolean
  odd?: boolean
}

// The wire-protocol test server itself (its own instance, whatever MongoDB the rest of
// the suite uses): what the real driver sees of it, and what it counts.
describe('the MongoDB wire-protocol test server', () => {
  let server: MongoTestServer
  let client: MongoClient

  beforeAll(async () => {
    server = await startMongoServer()
    client = new MongoClient(server.url, { maxPoolSize: 2 })
    await client.connect()
  })
  afterAll(async () => {
    await client?.close()
    await server?.close()
  })

  const coll = () => client.db('s').collection<Item>('items')

  it('serves the driver end to end: writes, cursors with getMore, counts per collection', async () => {
    server.resetCounts()
    await coll().insertMany(Array.from({ length: 7 }, (_, i) => ({ _id: i, even: i % 2 === 0 })))
    expect(await coll().find({ even: true }, { batchSize: 3 }).toArray()).toHaveLength(4)
    expect((await coll().updateMany({ even: false }, { $set: { odd: true } })).modifiedCount).toBe(3)
    expect(await coll().distinct('even')).toEqual([true, false])
    expect(server.counts()).toEqual({
      items: { commands: { insert: 1, find: 1, getMore: 1, update: 1, distinct: 1 }, count: 5, documents: 4 + 2 },
    })
    expect(server.openCursors()).toBe(0)
  })

  it('answers errors in the server shape: code, codeName, errmsg; E11000 on a duplicate _id', async () => {
    const dup = await coll()
      .insertOne({ _id: 1 })
      .catch((e: unknown) => e)
    expect(dup).toBeInstanceOf(MongoServerError)
    expect(dup).toMatchObject({ code: 11000, message: 'E11000 duplicate key error collection: s.items index: _id_ dup key: { _id: 1 }' })
    const many = await coll()
      .insertMany([{ _id: 100 }, { _id: 2 }, { _id: 101 }], { ordered: false })
      .catch((e: unknown) => e)
    expect(many).toBeInstanceOf(MongoBulkWriteError)
    expect((many as MongoBulkWriteError).insertedCount).toBe(2)
    const unknown = await client
      .db('s')
      .command({ noSuchThing: 1 })
      .catch((e: unknown) => e)
    expect(unknown).toMatchObject({ code: 59, codeName: 'CommandNotFound' })
    const exists = await client
      .db('s')
      .createCollection('items')
      .catch((e: unknown) => e)
    expect(exists).toMatchObject({ code: 48, codeName: 'NamespaceExists' })
  })

  it('a unique index is enforced; killCursors closes an open cursor', async () => {
    await expect(coll().createIndex({ even: 1 }, { unique: true })).rejects.toMatchObject({ code: 11000 }) // existing duplicates
    const skus = client.db('s').collection<{ _id: number; sku: string }>('skus')
    await skus.createIndex({ sku: 1 }, { unique: true })
    await skus.insertOne({ _id: 50, sku: 'a' })
    await expect(skus.insertOne({ _id: 51, sku: 'a' })).rejects.toMatchObject({ code: 11000 })
    const cursor = coll().find({}, { batchSize: 2 })
    await cursor.next()
    expect(server.openCursors()).toBe(1)
    await cursor.close()
    expect(server.openCursors()).toBe(0)
  })

  it('aborting a transaction undoes its writes; committing keeps them', async () => {
    const session = client.startSession()
    session.startTransaction()
    await coll().insertOne({ _id: 'gone' }, { session })
    await session.abortTransaction()
    await session.withTransaction(() => coll().insertOne({ _id: 'kept' }, { session }))
    await session.endSession()
    expect(await coll().countDocuments({ _id: { $in: ['gone', 'kept'] } })).toBe(1)
  })
})
