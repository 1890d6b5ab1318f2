import { WireStream } from './wire.js'

// A Redis server reduced to the bench's GET, speaking RESP to the real `ioredis` over a
// WireStream: every command (an array, `*<n>\r\n…`) is answered with the bulk string
// "value". The bench sends only `GET qcb:…` keys, so a command is counted by its `*`.

const REPLY = Buffer.from('$5\r\nvalue\r\n')
const STAR = 0x2a

function answer(chunk) {
  let commands = 0
  for (let i = chunk.indexOf(STAR); i !== -1; i = chunk.indexOf(STAR, i + 1)) commands++
  if (commands === 0) return undefined
  return commands === 1 ? REPLY : Buffer.concat(Array.from({ length: commands }, () => REPLY))
}

/** ioredis's `Connector` option: each connection gets its own in-process server. */
export class RedisConnector {
  connecting = false

  connect() {
    this.stream = new WireStream(answer).connect()
    return Promise.resolve(this.stream)
  }

  check() {
    return true
  }

  disconnect() {
    this.stream?.end()
  }
}
