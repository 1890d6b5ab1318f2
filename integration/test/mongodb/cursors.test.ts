import { measureCost } from '@querycost/core'
import { instrument } from '@querycost/mongodb'
import type { Document, FindCursor, MongoClient } from 'mongodb'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { exactFigures } from '../../src/expect-report.js'
import { DB, NEW_ORDERS, ORDERS, type Order, rawClient, seedMongo } from './fixtures.js'

const url = inject('mongodbUrl')
const T = 'mongodb:qc_orders'

function t(count: number, rows: number, affected = 0, errors = 0) {
  return { count, rows, affected, errors }
}

/** Every way to read a cursor to its end. */
const STYLES: Record<string, (cursor: FindCursor<Document>) => Promise<number>> = {
  toArray: async (c) => (await c.toArray()).length,
  next: async (c) => {
    let n = 0
    while ((await c.next()) !== null) n++
    return n
  },
  'for await': async (c) => {
    let n = 0
    for await (const _ of c) n++
    return n
  },
  forEach: async (c) => {
    let n = 0
    await c.forEach(() => {
      n++
    })
    return n
  },
  stream: (c) =>
    new Promise((resolve, reject) => {
      let n = 0
      c.stream()
        .on('data', () => n++)
        .on('end', () => resolve(n))
        .on('error', reject)
    }),
}

describe.skipIf(url === undefined)('@querycost/mongodb: cursors, batch by batch', () => {
  let client: MongoClient

  beforeAll(async () => {
    await seedMongo(url as string)
    client = instrument(rawClient(url as string))
    await client.connect()
  })
  afterAll(async () => {
    await client?.close()
  })

  const orders = () => client.db(DB).collection<Order>('qc_orders')

  for (const [style, read] of Object.entries(STYLES)) {
    it(`${style}: find and each getMore are operations; rows are the documents of each batch`, async () => {
      // 13 'new' orders in batches of 5: find (5), getMore (5), getMore (3).
      const { result, report } = await measureCost(() => read(orders().find({ status: 'new' }, { batchSize: 5 })))
      expect(result).toBe(NEW_ORDERS)
      expect(exactFigures(report, { ...t(0, 0), tables: { [T]: { ...t(0, 0), operations: {} } } })).toEqual({
        ...t(3, NEW_ORDERS),
        tables: { [T]: { ...t(3, NEW_ORDERS), operations: { find: t(1, 5), getMore: t(2, 8) } } },
      })
    })
  }

  it('a cursor closed early: what was fetched, and killCursors', async () => {
    const { report } = await measureCost(async () => {
      const cursor = orders().find({}, { batchSize: 4 })
      for (let i = 0; i < 6; i++) await cursor.next() // batches of 4: find, then one getMore
      await cursor.close()
    })
    expect(exactFigures(report, { ...t(0, 0), tables: { [T]: { ...t(0, 0), operations: {} } } })).toEqual({
      ...t(3, 8),
      tables: { [T]: { ...t(3, 8), operations: { find: t(1, 4), getMore: t(1, 4), killCursors: t(1, 0) } } },
    })
  })

  it('a cursor iterated later, from another context, counts its getMore there', async () => {
    let cursor: FindCursor<Document> | undefined
    const first = await measureCost(async () => {
      cursor = orders().find({}, { batchSize: 20 })
      return await cursor.next()
    })
    const second = await measureCost(async () => (await (cursor as FindCursor<Document>).toArray()).length)
    expect(second.result).toBe(ORDERS - 1)
    expect(exactFigures(first.report)).toEqual({ ...t(1, 20), tables: { [T]: t(1, 20) } })
    expect(exactFigures(second.report)).toEqual({ ...t(1, 5), tables: { [T]: t(1, 5) } })
  })

  it('limit, skip, sort and findOne', async () => {
    const { report } = await measureCost(async () => {
      expect(await orders().find({}).sort({ total: -1 }).skip(2).limit(3).toArray()).toEqual([
        { _id: 23, status: 'new', total: 23 },
        { _id: 22, status: 'paid', total: 22 },
        { _id: 21, status: 'new', total: 21 },
      ])
      expect(await orders().findOne({ _id: 7 })).toEqual({ _id: 7, status: 'new', total: 7 })
      expect(await orders().findOne({ _id: 999 })).toBeNull()
    })
    expect(exactFigures(report)).toEqual({ ...t(3, 4), tables: { [T]: t(3, 4) } })
  })

  it('aggregate: the first batch and each getMore', async () => {
    const { result, report } = await measureCost(async () => {
      const groups = await orders()
        .aggregate([{ $group: { _id: '$status', n: { $sum: 1 } } }, { $sort: { _id: 1 } }])
        .toArray()
      const all = await orders()
        .aggregate([{ $match: { total: { $gt: 5 } } }], { batchSize: 6 })
        .toArray()
      return { groups, all: all.length }
    })
    expect(result).toEqual({
      groups: [
        { _id: 'new', n: 13 },
        { _id: 'paid', n: 12 },
      ],
      all: 20,
    })
    // 2 groups in one batch; 20 documents in batches of 6: aggregate (6), getMore 6, 6, 2.
    expect(exactFigures(report, { ...t(0, 0), tables: { [T]: { ...t(0, 0), operations: {} } } })).toEqual({
      ...t(5, 22),
      tables: { [T]: { ...t(5, 22), operations: { aggregate: t(2, 8), getMore: t(3, 14) } } },
    })
  })
})
