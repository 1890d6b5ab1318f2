import { Cluster, type ClusterOptions, Redis } from 'ioredis'

/** One master of the test cluster, reached directly (a raw client: nothing it sends is counted). */
export interface Master {
  /** `host:port`, as ioredis keys its nodes. */
  key: string
  host: string
  port: number
  id: string
  admin: Redis
}

/**
 * A hash tag per master, each with its own table: keys `qcxa:{tag}:…` live on the first
 * master, `qcxb:{tag}:…` on the second, `qcxc:{tag}:…` on the third. The suite only
 * ever writes keys under these prefixes (and `qcxm:` for the slot it moves).
 */
export interface Placement {
  masters: Master[]
  /** `prefix` (the table) and hash tag of the keys on `masters[i]`. */
  shards: { prefix: string; tag: string; slot: number; master: Master }[]
}

export const PREFIXES = ['qcxa', 'qcxb', 'qcxc'] as const

/** A raw (uninstrumented) Cluster over the seeds. */
export function rawCluster(seeds: { host: string; port: number }[], options: ClusterOptions = {}): Cluster {
  return new Cluster(seeds, options)
}

/** Resolves once `cluster` is ready (its slots known, its ready check passed). */
export function ready(cluster: Cluster): Promise<void> {
  if (cluster.status === 'ready') return Promise.resolve()
  return new Promise((resolve, reject) => {
    cluster.once('ready', resolve)
    cluster.once('error', reject)
  })
}

/** The node that owns `slot`, from CLUSTER SLOTS as `via` sees it. */
export async function ownerOf(via: Redis, slot: number): Promise<string> {
  const ranges = (await via.cluster('SLOTS')) as unknown as [number, number, [string, number]][]
  for (const [from, to, [host, port]] of ranges) if (slot >= from && slot <= to) return `${host}:${port}`
  throw new Error(`slot ${slot} has no owner`)
}

/** Connects to every seed directly and finds a hash tag on each of the first three masters. */
export async function placement(seeds: { host: string; port: number }[]): Promise<Placement> {
  const masters: Master[] = []
  for (const { host, port } of seeds) {
    const admin = new Redis({ host, port, lazyConnect: true })
    await admin.connect()
    masters.push({ key: `${host}:${port}`, host, port, id: (await admin.cluster('MYID')) as string, admin })
  }
  const first = masters[0] as Master
  const shards: Placement['shards'] = []
  for (let i = 0; shards.length < PREFIXES.length && i < 1000; i++) {
    const tag = `t${i}`
    const slot = Number(await first.admin.cluster('KEYSLOT', tag))
    const owner = await ownerOf(first.admin, slot)
    if (shards.some((s) => s.master.key === owner)) continue
    const master = masters.find((m) => m.key === owner)
    if (master === undefined) throw new Error(`slot ${slot} is owned by ${owner}, not one of the seeds`)
    shards.push({ prefix: PREFIXES[shards.length] as string, tag, slot, master })
  }
  if (shards.length < PREFIXES.length) throw new Error('the cluster needs three masters that each own slots')
  return { masters, shards }
}

/** Starts moving `slot` from one master to another: IMPORTING on the target, MIGRATING on the source. */
export async function beginMigration(slot: number, from: Master, to: Master): Promise<void> {
  await to.admin.cluster('SETSLOT', slot, 'IMPORTING', from.id)
  await from.admin.cluster('SETSLOT', slot, 'MIGRATING', to.id)
}

/** Moves `keys` (all in the migrating slot) from the source to the target. */
export async function migrateKeys(from: Master, to: Master, keys: string[]): Promise<void> {
  if (keys.length > 0) await from.admin.migrate(to.host, to.port, '', 0, 5000, 'KEYS', ...keys)
}

/** Ends a migration: the rest of the slot's keys move, and every master learns the new owner. */
export async function endMigration(slot: number, from: Master, to: Master, masters: Master[]): Promise<void> {
  const rest = (await from.admin.cluster('GETKEYSINSLOT', slot, 1000)) as string[]
  await migrateKeys(from, to, rest)
  await to.admin.cluster('SETSLOT', slot, 'NODE', to.id)
  await from.admin.cluster('SETSLOT', slot, 'NODE', to.id)
  for (const m of masters) if (m !== from && m !== to) await m.admin.cluster('SETSLOT', slot, 'NODE', to.id)
  // Every master agrees before the test goes on.
  for (let i = 0; i < 100; i++) {
    const owners = await Promise.all(masters.map((m) => ownerOf(m.admin, slot)))
    if (owners.every((o) => o === to.key)) return
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  throw new Error(`slot ${slot} did not move to ${to.key}`)
}

/** Moves a whole slot, keys and ownership. */
export async function moveSlot(slot: number, from: Master, to: Master, masters: Master[]): Promise<void> {
  await beginMigration(slot, from, to)
  await endMigration(slot, from, to, masters)
}

/** Deletes the suite's keys on every master. */
export async function clearClusterKeys(masters: Master[]): Promise<void> {
  for (const m of masters) {
    for (const prefix of [...PREFIXES, 'qcxm']) {
      const keys = await m.admin.keys(`${prefix}:*`)
      for (const key of keys) await m.admin.del(key)
    }
  }
}
