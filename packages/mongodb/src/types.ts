/**
 * The small structural subset of the `mongodb` driver this package touches, declared
 * here so it never depends on the driver's types (`mongodb` is a peer dependency).
 */

/** A command document as the driver's command monitoring shows it. */
export type CommandDocument = Record<string, unknown>

/** `commandStarted`: a command is on its way to the server. */
export interface CommandStartedEventLike {
  commandName: string
  requestId: number
  databaseName?: string
  command: CommandDocument
}

/** `commandSucceeded`: the server answered `ok: 1`. */
export interface CommandSucceededEventLike {
  commandName: string
  requestId: number
  reply: unknown
}

/** `commandFailed`: the server answered with an error, or the network failed. */
export interface CommandFailedEventLike {
  commandName: string
  requestId: number
  failure?: unknown
}

/** The options a `MongoClient` keeps; only `monitorCommands` matters here. */
export interface MongoClientOptionsLike {
  monitorCommands?: boolean
}

/** A `MongoClient` (any `mongodb` from 6.0 on). */
export interface MongoClientLike {
  options: MongoClientOptionsLike
  /** Set once the client connected; instrumenting must come before. */
  topology?: unknown
  emit(event: string | symbol, ...args: unknown[]): boolean
  connect(): Promise<unknown>
}

/** The `mongodb` module as imported: what `instrumentModule` needs of it. */
export interface MongoModuleLike {
  MongoClient: new (...args: never[]) => MongoClientLike
}
