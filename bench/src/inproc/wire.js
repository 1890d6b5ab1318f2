import { Duplex } from 'node:stream'

/**
 * A socket-shaped Duplex whose far end is a function in this process: what the driver
 * writes goes to `answer(chunk)`, which returns the bytes the "server" sends back; they
 * arrive on a later turn of the event loop, everything answered in that turn in one
 * chunk, as a busy socket delivers them. No syscall, no other process: the client's
 * CPU is all there is to measure.
 */
export class WireStream extends Duplex {
  constructor(answer) {
    super()
    this.answer = answer
    this.pending = []
    this.scheduled = false
    this.connecting = true
    this.flush = () => {
      this.scheduled = false
      const out = this.pending.length === 1 ? this.pending[0] : Buffer.concat(this.pending)
      this.pending = []
      this.push(out)
    }
  }

  /** net.Socket's connect: connected on the next turn. */
  connect() {
    setImmediate(() => {
      this.connecting = false
      this.emit('connect')
    })
    return this
  }

  _write(chunk, _encoding, done) {
    const reply = this.answer(chunk)
    if (reply !== undefined && reply.length > 0) {
      this.pending.push(reply)
      if (!this.scheduled) {
        this.scheduled = true
        setImmediate(this.flush)
      }
    }
    done()
  }

  _read() {}

  _final(done) {
    this.push(null)
    done()
  }

  setNoDelay() {
    return this
  }

  setKeepAlive() {
    return this
  }

  setTimeout() {
    return this
  }

  ref() {
    return this
  }

  unref() {
    return this
  }
}
