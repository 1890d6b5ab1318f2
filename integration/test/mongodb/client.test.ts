import { lostContextStats, measureCost, resetLostContext } from '@querycost/core'
import { instrument, instrumentModule } from '@querycost/mongodb'
import * as mongodb from 'mongodb'
import mongoose from 'mongoose'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { exactFigures } from '../../src/expect-report.js'
import { DB, type Order, rawClient, seedMongo } from './fixtures.js'

// The driver's `monitorCommands` getter (over `options.monitorCommands`) is marked
// internal, so its published types leave it out; these tests read it as users can.
declare module 'mongodb' {
  interface MongoClient {
    monitorCommands: boolean
  }
}

const url = inject('mongodbUrl')
const O = 'mongodb:qc_orders'

function t(count: number, rows: number, affected = 0, errors = 0) {
  return { count, rows, affected, errors }
}

/** The command events a client's listeners hear during `work` (names only). */
async function heard(client: mongodb.MongoClient, work: () => Promise<unknown>): Promise<string[]> {
  const names: string[] = []
  const listen = (e: { commandName: string }) => names.push(`${e.commandName}`)
  client.on('commandStarted', listen)
  client.on('commandSucceeded', (e) => names.push(`${e.commandName} ok`))
  await work()
  client.off('commandStarted', listen)
  client.removeAllListeners('commandSucceeded')
  return names
}

describe.skipIf(url === undefined)('@querycost/mongodb: the client, its monitoring and its handshakes', () => {
  beforeAll(async () => {
    await seedMongo(url as string)
  })

  it('connecting, heartbeats, handshakes and endSessions on close are never operations', async () => {
    const client = instrument(rawClient(url as string, { maxPoolSize: 3, heartbeatFrequencyMS: 500 }))
    const { report } = await measureCost(async () => {
      await client.connect()
      const orders = client.db(DB).collection<Order>('qc_orders')
      await Promise.all([orders.findOne({ _id: 1 }), orders.findOne({ _id: 2 }), orders.findOne({ _id: 3 })]) // 3 pooled connections made
      await new Promise((resolve) => setTimeout(resolve, 1200)) // heartbeats
      await client.close() // endSessions
    })
    expect(exactFigures(report)).toEqual({ ...t(3, 3), tables: { [O]: t(3, 3) } })
  })

  it("monitoring off: the user's listeners hear nothing and monitorCommands reads false, as without querycost", async () => {
    const plain = rawClient(url as string)
    const client = instrument(rawClient(url as string))
    const work = (c: mongodb.MongoClient) => () => c.db(DB).collection<Order>('qc_orders').findOne({ _id: 1 })
    expect(await heard(client, work(client))).toEqual(await heard(plain, work(plain)))
    expect(await heard(client, work(client))).toEqual([])
    expect(client.monitorCommands).toBe(false)
    await Promise.all([client.close(), plain.close()])
  })

  it("monitoring on: the user's listeners hear every event, as without querycost", async () => {
    const plain = rawClient(url as string, { monitorCommands: true })
    const client = instrument(rawClient(url as string, { monitorCommands: true }))
    const work = (c: mongodb.MongoClient) => () => c.db(DB).collection<Order>('qc_orders').find({}, { batchSize: 10 }).toArray()
    const a = await heard(client, work(client))
    expect(a).toEqual(await heard(plain, work(plain)))
    expect(a).toEqual(['find', 'find ok', 'getMore', 'getMore ok', 'getMore', 'getMore ok'])
    expect(client.monitorCommands).toBe(true)
    await Promise.all([client.close(), plain.close()])
  })

  it('instrumenting twice counts once; instrumentModule makes clients that count themselves', async () => {
    const client = instrument(instrument(rawClient(url as string)))
    const Module = instrumentModule(mongodb)
    const own = new Module.MongoClient(url as string)
    expect(own).toBeInstanceOf(mongodb.MongoClient)
    expect(Module.ObjectId).toBe(mongodb.ObjectId)
    const { report } = await measureCost(async () => {
      await client.db(DB).collection<Order>('qc_orders').findOne({ _id: 1 })
      await own.db(DB).collection<Order>('qc_orders').findOne({ _id: 2 })
    })
    expect(exactFigures(report)).toEqual({ ...t(2, 2), tables: { [O]: t(2, 2) } })
    await Promise.all([client.close(), own.close()])
  })

  it('a client instrumented after it connected is counted too', async () => {
    const client = rawClient(url as string, { maxPoolSize: 2 })
    await client.connect()
    await Promise.all([1, 2].map((i) => client.db(DB).collection<Order>('qc_orders').findOne({ _id: i }))) // two pooled connections
    instrument(client)
    const { report } = await measureCost(() =>
      Promise.all([1, 2, 3].map((i) => client.db(DB).collection<Order>('qc_orders').findOne({ _id: i }))),
    )
    expect(exactFigures(report)).toEqual({ ...t(3, 3), tables: { [O]: t(3, 3) } })
    await client.close()
  })

  it('a command outside any context is counted as lost, never dropped', async () => {
    const client = instrument(rawClient(url as string))
    await client.connect()
    resetLostContext()
    await client.db(DB).collection<Order>('qc_orders').findOne({ _id: 1 })
    expect(lostContextStats().total.count).toBe(1)
    expect(lostContextStats().tables[O]?.count).toBe(1)
    resetLostContext()
    await client.close()
  })

  it('Mongoose: a connection given an instrumented client (setClient), and connections Mongoose opened (createConnection(url), mongoose.connect) with their client instrumented', async () => {
    const schema = new mongoose.Schema(
      { _id: Number, status: String, total: Number },
      { collection: 'qc_orders', autoIndex: false, autoCreate: false },
    )
    const client = instrument(rawClient(url as string))
    await client.connect()
    const conn = mongoose.createConnection().setClient(client)
    conn.useDb(DB)
    const Order = conn.useDb(DB).model('Order', schema)
    const own = await mongoose.createConnection(url as string, { dbName: DB, autoIndex: false, autoCreate: false }).asPromise()
    instrument(own.getClient())
    const Order2 = own.model('Order', schema)
    await mongoose.connect(url as string, { dbName: DB, autoIndex: false, autoCreate: false })
    instrument(mongoose.connection.getClient())
    const Order3 = mongoose.model('Order', schema)
    const { report } = await measureCost(async () => {
      expect((await Order.find({ status: 'new' }).lean()).length).toBe(13)
      expect(await Order.countDocuments({ status: 'paid' })).toBe(12)
      expect((await Order2.findById(3).lean())?.total).toBe(3)
      expect(await Order3.updateOne({ _id: 4 }, { $set: { total: 4 } })).toMatchObject({ matchedCount: 1, modifiedCount: 0 })
    })
    expect(exactFigures(report, { ...t(0, 0), tables: { [O]: { ...t(0, 0), operations: {} } } })).toEqual({
      ...t(4, 15),
      tables: { [O]: { ...t(4, 15), operations: { find: t(2, 14), aggregate: t(1, 1), update: t(1, 0) } } },
    })
    await Promise.all([conn.close(), own.close(), mongoose.disconnect()])
  })

  afterAll(() => {
    resetLostContext()
  })
})
