import { Redis, type RedisOptions } from 'ioredis'

/** Every ioredis suite works in this database, never FLUSHALL, and only on its own key prefixes. */
export const DB = 3
/** Hashes `qcu:1..50`, three fields each. */
export const USERS = 50
/** Strings `qci:1..200`. */
export const ITEMS = 200
/** A list `qcl:list` of this many elements. */
export const LIST = 10
/** A set `qcset:big` of this many members (hashtable-encoded: SSCAN pages). */
export const SET = 300

/** A raw (uninstrumented) client on the suite's database. */
export function rawClient(url: string, options: RedisOptions = {}): Redis {
  return new Redis(url, { db: DB, ...options })
}

/** Deletes every key of the suite's prefixes in its database. */
export async function clearKeys(redis: Redis, patterns: string[]): Promise<void> {
  for (const match of patterns) {
    let cursor = '0'
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', match, 'COUNT', 500)
      cursor = next
      if (keys.length > 0) await redis.del(...keys)
    } while (cursor !== '0')
  }
}

/** Seeds the keys the suites read (with a raw client, so nothing is counted). */
export async function seedRedis(url: string): Promise<void> {
  const redis = rawClient(url)
  try {
    await clearKeys(redis, ['qcu:*', 'qci:*', 'qcl:*', 'qcset:*'])
    const p = redis.pipeline()
    for (let u = 1; u <= USERS; u++) p.hset(`qcu:${u}`, { name: `user ${u}`, age: String(20 + u), city: 'x' })
    for (let i = 1; i <= ITEMS; i++) p.set(`qci:${i}`, `item ${i}`)
    p.rpush('qcl:list', ...Array.from({ length: LIST }, (_, i) => `e${i}`))
    p.sadd('qcset:big', ...Array.from({ length: SET }, (_, i) => `m${i}`))
    await p.exec()
  } finally {
    redis.disconnect()
  }
}
