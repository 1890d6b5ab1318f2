import { BSON, type Document } from 'bson'

/** The opcodes this server reads and writes. */
export const OP_REPLY = 1
export const OP_QUERY = 2004
export const OP_MSG = 2013

/** One request read off the socket: the command document and how to answer it. */
export interface Request {
  requestId: number
  opCode: number
  /** The command: OP_MSG's body with its document sequences folded in, or OP_QUERY's query. */
  command: Document
  /** The database (`$db`, or OP_QUERY's `db.$cmd`). */
  db: string
  /** OP_MSG's moreToCome flag: the client wants no reply. */
  moreToCome: boolean
}

/**
 * Cuts a TCP byte stream into wire-protocol messages (each starts with its int32
 * length) and hands each complete one to `onMessage`.
 */
export class MessageReader {
  private pending: Buffer = Buffer.alloc(0)

  constructor(private readonly onMessage: (message: Buffer) => void) {}

  push(chunk: Buffer): void {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk])
    while (this.pending.length >= 4) {
      const length = this.pending.readInt32LE(0)
      if (length < 16 || this.pending.length < length) return
      const message = this.pending.subarray(0, length)
      this.pending = this.pending.subarray(length)
      this.onMessage(message)
    }
  }
}

function cstring(buf: Buffer, at: number): [string, number] {
  const end = buf.indexOf(0, at)
  return [buf.toString('utf8', at, end), end + 1]
}

function bsonAt(buf: Buffer, at: number): [Document, number] {
  const size = buf.readInt32LE(at)
  return [BSON.deserialize(buf.subarray(at, at + size), { promoteLongs: true, promoteValues: true }), at + size]
}

/** Parses an OP_MSG or OP_QUERY message; other opcodes throw. */
export function parseRequest(buf: Buffer): Request {
  const requestId = buf.readInt32LE(4)
  const opCode = buf.readInt32LE(12)
  if (opCode === OP_MSG) {
    const flags = buf.readUInt32LE(16)
    const end = flags & 1 ? buf.length - 4 : buf.length
    let at = 20
    let command: Document = {}
    const sequences: [string, Document[]][] = []
    while (at < end) {
      const kind = buf.readUInt8(at)
      at += 1
      if (kind === 0) {
        ;[command, at] = bsonAt(buf, at)
      } else {
        const sectionEnd = at + buf.readInt32LE(at)
        let [name, p] = cstring(buf, at + 4)
        const docs: Document[] = []
        while (p < sectionEnd) {
          const [doc, next] = bsonAt(buf, p)
          docs.push(doc)
          p = next
        }
        sequences.push([name, docs])
        at = sectionEnd
        name = ''
      }
    }
    for (const [name, docs] of sequences) command[name] = docs
    return { requestId, opCode, command, db: String(command.$db ?? 'admin'), moreToCome: (flags & 2) !== 0 }
  }
  if (opCode === OP_QUERY) {
    const [collection, at] = cstring(buf, 20)
    const [query] = bsonAt(buf, at + 8)
    const command = query.$query ?? query
    return { requestId, opCode, command, db: collection.split('.')[0] ?? 'admin', moreToCome: false }
  }
  throw new Error(`mongo test server: opcode ${opCode} is not supported (OP_MSG and OP_QUERY are)`)
}

function header(length: number, responseTo: number, opCode: number): Buffer {
  const h = Buffer.alloc(16)
  h.writeInt32LE(length, 0)
  h.writeInt32LE(0, 4)
  h.writeInt32LE(responseTo, 8)
  h.writeInt32LE(opCode, 12)
  return h
}

/** The reply to `request` in the opcode it came in (OP_MSG, or OP_REPLY to an OP_QUERY). */
export function encodeReply(request: Request, reply: Document): Buffer {
  const doc = BSON.serialize(reply)
  if (request.opCode === OP_QUERY) {
    const body = Buffer.alloc(20)
    body.writeInt32LE(0, 0) // responseFlags
    body.writeBigInt64LE(0n, 4) // cursorID
    body.writeInt32LE(0, 12) // startingFrom
    body.writeInt32LE(1, 16) // numberReturned
    return Buffer.concat([header(16 + 20 + doc.length, request.requestId, OP_REPLY), body, doc])
  }
  const flags = Buffer.from([0, 0, 0, 0, 0]) // flagBits, then section kind 0
  return Buffer.concat([header(16 + flags.length + doc.length, request.requestId, OP_MSG), flags, doc])
}
