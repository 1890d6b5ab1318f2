import { WireStream } from './wire.js'

// A PostgreSQL server reduced to what the bench's primary-key SELECT needs, speaking
// protocol 3 to the real `pg` driver over a WireStream: trust auth, then for every
// extended-protocol round (Parse/Bind/Describe/Execute/Sync), and for every simple Query
// whatever its text (the literals shape's statements), one row of (id int4, name text).

function message(type, body) {
  const out = Buffer.alloc(5 + body.length)
  out.write(type, 0, 'latin1')
  out.writeInt32BE(4 + body.length, 1)
  body.copy(out, 5)
  return out
}

function cstring(s) {
  return Buffer.from(`${s}\0`, 'utf8')
}

function int16(n) {
  const b = Buffer.alloc(2)
  b.writeInt16BE(n)
  return b
}

function int32(n) {
  const b = Buffer.alloc(4)
  b.writeInt32BE(n)
  return b
}

function field(name, typeOid, size) {
  return Buffer.concat([cstring(name), int32(0), int16(0), int32(typeOid), int16(size), int32(-1), int16(0)])
}

function dataRow(values) {
  const parts = [int16(values.length)]
  for (const v of values) {
    const b = Buffer.from(v, 'utf8')
    parts.push(int32(b.length), b)
  }
  return message('D', Buffer.concat(parts))
}

const READY = message('Z', Buffer.from('I'))
const STARTUP_REPLY = Buffer.concat([
  message('R', int32(0)), // AuthenticationOk
  message('S', Buffer.concat([cstring('client_encoding'), cstring('UTF8')])),
  message('S', Buffer.concat([cstring('server_version'), cstring('16.0')])),
  message('K', Buffer.concat([int32(1), int32(1)])),
  READY,
])
// One answer to Parse/Bind/Describe(portal)/Execute/Sync: the same bytes every time, as
// the row (1, 'user 1') would be; pg parses them into a fresh result for each query.
const ROUND_REPLY = Buffer.concat([
  message('1', Buffer.alloc(0)), // ParseComplete
  message('2', Buffer.alloc(0)), // BindComplete
  message('T', Buffer.concat([int16(2), field('id', 23, 4), field('name', 25, -1)])),
  dataRow(['1', 'user 1']),
  message('C', cstring('SELECT 1')),
  READY,
])
// The answer to a simple Query ('Q'): the same row, without Parse and Bind.
const QUERY_REPLY = ROUND_REPLY.subarray(10)

/** A `stream` option for pg's Client or Pool: each connection gets its own in-process server. */
export function pgStream() {
  let started = false
  let carry = Buffer.alloc(0)
  return new WireStream((chunk) => {
    let buf = carry.length === 0 ? chunk : Buffer.concat([carry, chunk])
    if (!started) {
      // StartupMessage: int32 length, int32 protocol, parameters; no type byte.
      if (buf.length < 4 || buf.length < buf.readInt32BE(0)) {
        carry = buf
        return undefined
      }
      buf = buf.subarray(buf.readInt32BE(0))
      started = true
      carry = Buffer.alloc(0)
      if (buf.length === 0) return STARTUP_REPLY
    }
    let syncs = 0
    let queries = 0
    let at = 0
    while (at + 5 <= buf.length) {
      const length = buf.readInt32BE(at + 1)
      if (at + 1 + length > buf.length) break
      const type = buf[at]
      if (type === 0x53)
        syncs++ // 'S' Sync
      else if (type === 0x51)
        queries++ // 'Q' Query
      else if (type === 0x58) return undefined // 'X' Terminate
      at += 1 + length
    }
    carry = at === buf.length ? Buffer.alloc(0) : Buffer.from(buf.subarray(at))
    if (queries > 0) return queries === 1 ? QUERY_REPLY : Buffer.concat(Array.from({ length: queries }, () => QUERY_REPLY))
    if (syncs === 0) return undefined
    return syncs === 1 ? ROUND_REPLY : Buffer.concat(Array.from({ length: syncs }, () => ROUND_REPLY))
  })
}
