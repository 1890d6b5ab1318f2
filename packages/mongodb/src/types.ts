/**
 * The small structural subset of the `mongodb` driver this package touches, declared
 * here so it never depends on the driver's types (`mongodb` is a peer dependency).
 */

/** A command document as the driver sends it (`{ find: 'orders', filter: {...} }`). */
export type CommandDocument = Record<string, unknown>

/** A pooled connection: every command of an operation goes through its `command`. */
export interface ConnectionLike {
  command(ns: unknown, command: CommandDocument, options?: unknown, responseType?: unknown): Promise<unknown>
}

/** The class a pool makes its connections with (`new ConnectionType(socket, options)`). */
export type ConnectionType = new (...args: never[]) => ConnectionLike

/** A server's connection pool: its frozen options, its idle and checked-out connections. */
export interface PoolLike {
  options: { connectionType?: ConnectionType } & Record<string, unknown>
  connections?: Iterable<ConnectionLike>
  checkedOut?: Iterable<ConnectionLike>
}

/** The client's topology once it connected: one server (with its pool) per address. */
export interface TopologyLike {
  s?: { servers?: Map<string, { pool?: PoolLike }> }
}

/** A `MongoClient` (any `mongodb` from 6.0 on). */
export interface MongoClientLike {
  options: object
  /** Set once the client connects. */
  topology?: TopologyLike
  emit(event: string | symbol, ...args: unknown[]): boolean
  connect(): Promise<unknown>
}

/** The `mongodb` module as imported: what `instrumentModule` needs of it. */
export interface MongoModuleLike {
  MongoClient: new (...args: never[]) => MongoClientLike
}
