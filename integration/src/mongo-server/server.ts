import { createServer, type Server, type Socket } from 'node:net'
import type { Document } from 'bson'
import { collectionOf, documentsOf, HANDLERS, UNCOUNTED } from './commands.js'
import type { HandlerContext } from './context.js'
import { type CollectionCounts, CommandCounter } from './counter.js'
import { CursorRegistry } from './cursors.js'
import { CommandError } from './errors.js'
import { Store } from './store.js'
import { Transactions } from './transactions.js'
import { encodeReply, MessageReader, parseRequest } from './wire.js'

/** A running test server. */
export interface MongoTestServer {
  /** `mongodb://127.0.0.1:<port>/`, for `new MongoClient(url)`. */
  url: string
  port: number
  /** What the server received per collection since the last reset. */
  counts(): Record<string, CollectionCounts>
  resetCounts(): void
  /** Open server-side cursors (a test can check none leaked). */
  openCursors(): number
  close(): Promise<void>
}

/**
 * Starts a MongoDB wire-protocol server on 127.0.0.1 (port 0: the system picks one):
 * OP_MSG (and OP_QUERY for the first handshake) over TCP, answering as a one-member
 * replica set's primary, with query, update and aggregation semantics from mingo.
 * A stand-in where no mongod can be had; the same suite passes against a real one.
 *
 * Besides mongod's commands it answers `{ querycostServerCounts: 1, reset?: true }`
 * with what it counted per collection, so tests in other processes can read it.
 */
export async function startMongoServer(port = 0): Promise<MongoTestServer> {
  const store = new Store()
  const cursors = new CursorRegistry()
  const transactions = new Transactions()
  const counter = new CommandCounter()
  const sockets = new Set<Socket>()
  let connections = 0
  let address = ''

  function run(command: Document, db: string, connectionId: number): Document {
    const name = (Object.keys(command)[0] ?? '').toLowerCase()
    if (name === 'querycostservercounts') {
      const snapshot = counter.snapshot()
      if (command.reset === true) counter.reset()
      return { counts: snapshot, openCursors: cursors.size, ok: 1 }
    }
    const handler = HANDLERS.get(name)
    let reply: Document
    if (handler === undefined) {
      reply = new CommandError('CommandNotFound', `no such command: '${Object.keys(command)[0]}'`).toReply()
    } else {
      const ctx: HandlerContext = { store, cursors, transactions, db, address, connectionId }
      try {
        transactions.begin(command)
        reply = handler(command, ctx)
      } catch (error) {
        reply = error instanceof CommandError ? error.toReply() : { ok: 0, errmsg: String(error), code: 1, codeName: 'InternalError' }
      }
    }
    if (!UNCOUNTED.has(name)) counter.add(collectionOf(name, command), Object.keys(command)[0] as string, documentsOf(name, reply))
    return reply
  }

  const server: Server = createServer((socket) => {
    const connectionId = ++connections
    sockets.add(socket)
    socket.setNoDelay(true)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => socket.destroy())
    const reader = new MessageReader((message) => {
      try {
        const request = parseRequest(message)
        const reply = run(request.command, request.db, connectionId)
        if (!request.moreToCome) socket.write(encodeReply(request, reply))
      } catch {
        socket.destroy()
      }
    })
    socket.on('data', (chunk: Buffer) => reader.push(chunk))
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve())
  })
  const bound = (server.address() as { port: number }).port
  address = `127.0.0.1:${bound}`
  return {
    url: `mongodb://${address}/`,
    port: bound,
    counts: () => counter.snapshot(),
    resetCounts: () => counter.reset(),
    openCursors: () => cursors.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}
