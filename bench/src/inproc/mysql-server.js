import { WireStream } from './wire.js'

// A MySQL server reduced to the bench's primary-key SELECT, speaking the client/server
// protocol to the real `mysql2` driver over a WireStream: a v10 greeting, any login is
// OK, and every COM_QUERY gets the text result set of one row (id INT, name VARCHAR).

function packet(seq, payload) {
  const out = Buffer.alloc(4 + payload.length)
  out.writeUIntLE(payload.length, 0, 3)
  out[3] = seq
  payload.copy(out, 4)
  return out
}

const lenenc = (s) => {
  const b = Buffer.from(s, 'utf8')
  return Buffer.concat([Buffer.from([b.length]), b])
}

const CAPABILITIES =
  0x1 | // LONG_PASSWORD
  0x2 | // FOUND_ROWS
  0x4 | // LONG_FLAG
  0x8 | // CONNECT_WITH_DB
  0x200 | // PROTOCOL_41
  0x2000 | // TRANSACTIONS
  0x8000 | // SECURE_CONNECTION
  0x20000 | // MULTI_RESULTS
  0x80000 // PLUGIN_AUTH

function greeting() {
  const caps = Buffer.alloc(4)
  caps.writeUInt32LE(CAPABILITIES >>> 0)
  const body = Buffer.concat([
    Buffer.from([10]), // protocol version
    Buffer.from('8.0.0-querycost-bench\0'),
    Buffer.from([1, 0, 0, 0]), // connection id
    Buffer.from('abcdefgh'), // auth data, part 1
    Buffer.from([0]),
    caps.subarray(0, 2),
    Buffer.from([45]), // utf8mb4_general_ci
    Buffer.from([2, 0]), // status: autocommit
    caps.subarray(2, 4),
    Buffer.from([21]), // auth data length
    Buffer.alloc(10),
    Buffer.from('ijklmnopqrst\0'), // auth data, part 2
    Buffer.from('mysql_native_password\0'),
  ])
  return packet(0, body)
}

const OK = (seq) => packet(seq, Buffer.from([0, 0, 0, 2, 0, 0, 0]))
const EOF = (seq) => packet(seq, Buffer.from([0xfe, 0, 0, 2, 0]))

function column(seq, name, type, charset, length) {
  const tail = Buffer.alloc(13)
  tail[0] = 0x0c
  tail.writeUInt16LE(charset, 1)
  tail.writeUInt32LE(length, 3)
  tail[7] = type
  return packet(seq, Buffer.concat([lenenc('def'), lenenc('test'), lenenc('t'), lenenc('t'), lenenc(name), lenenc(name), tail]))
}

const RESULT_SET = Buffer.concat([
  packet(1, Buffer.from([2])), // two columns
  column(2, 'id', 0x03, 63, 11), // LONG
  column(3, 'name', 0xfd, 45, 256), // VAR_STRING
  EOF(4),
  packet(5, Buffer.concat([lenenc('1'), lenenc('user 1')])),
  EOF(6),
])

/** A `stream` option for mysql2's connections and pools: each connection gets its own in-process server. */
export function mysqlStream() {
  let loggedIn = false
  let carry = Buffer.alloc(0)
  const stream = new WireStream((chunk) => {
    const buf = carry.length === 0 ? chunk : Buffer.concat([carry, chunk])
    const replies = []
    let at = 0
    while (at + 4 <= buf.length) {
      const length = buf.readUIntLE(at, 3)
      if (at + 4 + length > buf.length) break
      const seq = buf[at + 3]
      const command = buf[at + 4]
      if (!loggedIn) {
        loggedIn = true
        replies.push(OK(seq + 1))
      } else if (command === 0x03)
        replies.push(RESULT_SET) // COM_QUERY
      else if (command !== 0x01) replies.push(OK(1)) // anything but COM_QUIT: OK
      at += 4 + length
    }
    carry = at === buf.length ? Buffer.alloc(0) : Buffer.from(buf.subarray(at))
    return replies.length === 0 ? undefined : replies.length === 1 ? replies[0] : Buffer.concat(replies)
  })
  // The server speaks first; mysql2 takes a ready stream as connected.
  stream.connecting = false
  setImmediate(() => stream.push(greeting()))
  return stream
}
