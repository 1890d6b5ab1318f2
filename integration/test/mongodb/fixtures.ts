import { MongoClient, type MongoClientOptions } from 'mongodb'

/** Every mongodb suite works in this database, and drops only its own collections. */
export const DB = 'querycost_test'
/** `qc_orders`: documents `_id` 1..25, `status` 'new' for odd ids, `total` = id. */
export const ORDERS = 25
export const NEW_ORDERS = 13

/** A `qc_orders` document: numeric `_id`, not the driver's default ObjectId. */
export interface Order {
  _id: number
  status: string
  total: number
}

/** A raw (uninstrumented) client. */
export function rawClient(url: string, options: MongoClientOptions = {}): MongoClient {
  return new MongoClient(url, options)
}

/** The seeded orders. */
export function orders(): Order[] {
  return Array.from({ length: ORDERS }, (_, k) => ({ _id: k + 1, status: (k + 1) % 2 === 1 ? 'new' : 'paid', total: k + 1 }))
}

/** Drops and re-creates `qc_orders` with a raw client, so nothing is counted. */
export async function seedMongo(url: string): Promise<void> {
  const client = rawClient(url)
  try {
    const db = client.db(DB)
    await db
      .collection('qc_orders')
      .drop()
      .catch(() => undefined)
    await db.collection<Order>('qc_orders').insertMany(orders())
  } finally {
    await client.close()
  }
}

/** What the server counted per collection (test server only; `undefined` against a real mongod). */
export interface ServerCounts {
  [collection: string]: { commands: Record<string, number>; count: number; documents: number }
}

/**
 * The test server's per-collection counts (its `querycostServerCounts` command), or
 * `undefined` when the server is a real mongod, which has no such command.
 */
export async function serverCounts(client: MongoClient, reset = false): Promise<ServerCounts | undefined> {
  try {
    const reply = await client.db('admin').command({ querycostServerCounts: 1, reset })
    return reply.counts as ServerCounts
  } catch {
    return undefined
  }
}
