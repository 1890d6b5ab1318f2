/**
 * The small structural subset of ioredis that this package touches, declared here so
 * the package never depends on `ioredis` at build time (it is a peer dependency).
 */

/** An ioredis `Command`: one Redis command on its way to the server. */
export interface CommandLike {
  name: string
  args: unknown[]
  /** Set by ioredis on commands a `multi()` pipeline queues between MULTI and EXEC. */
  inTransaction?: boolean
  resolve: (value: unknown) => unknown
  reject: (error: unknown) => unknown
  /** The command's keys, as ioredis computes them (keyPrefix already applied). */
  getKeys?: () => unknown[]
}

/** What `sendCommand` is defined on: a `Redis`, a `Cluster` or a `Pipeline`. */
export interface SenderLike {
  sendCommand(command: CommandLike, stream?: unknown, node?: unknown): unknown
}

/** Options ioredis keeps on a client; only `keyPrefix` matters here. */
export interface ClientOptionsLike {
  keyPrefix?: string | Buffer
}

/** An ioredis `Redis` or `Cluster` instance. */
export interface RedisLike extends SenderLike {
  status?: string
  options?: ClientOptionsLike
  isCluster?: boolean
  pipeline(...args: unknown[]): unknown
  multi(...args: unknown[]): unknown
  duplicate?(...args: unknown[]): unknown
  setStatus?(status: string, arg?: unknown): unknown
}

/** The `ioredis` module as imported: the `Redis` class, with `Cluster` on it. */
export interface IORedisModuleLike {
  new (...args: never[]): RedisLike
  Cluster?: new (...args: never[]) => RedisLike
  Redis?: new (...args: never[]) => RedisLike
}
