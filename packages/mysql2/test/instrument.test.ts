import { EventEmitter } from 'node:events'
import { measureCost } from '@querycost/core'
import { describe, expect, it } from 'vitest'
import { instrument, instrumentModule } from '../src/index.js'

type Cb = (err: Error | null, rows?: unknown, fields?: unknown) => void

/** A stand-in for a mysql2 connection: answers every statement with two rows, or an error. */
function fakeConnection(error?: Error) {
  const reply = (cb: Cb | undefined, cmd: EventEmitter) =>
    setImmediate(() => {
      if (cb) return error ? cb(error) : cb(null, [{ id: 1 }, { id: 2 }], [{ name: 'id' }])
      if (error) cmd.emit('error', error)
      else {
        cmd.emit('fields', [{ name: 'id' }])
        cmd.emit('result', { id: 1 }, 0)
        cmd.emit('result', { id: 2 }, 0)
      }
      cmd.emit('end')
    })
  const send = (_sql: unknown, values?: unknown, cb?: unknown) => {
    const cmd = new EventEmitter()
    reply((typeof values === 'function' ? values : cb) as Cb | undefined, cmd)
    return cmd
  }
  return { query: send, execute: send }
}

const run = (fn: (done: Cb) => void) => new Promise<unknown>((resolve) => fn((err) => resolve(err)))

describe('instrument()', () => {
  it('rejects what is not a mysql2 connection, pool or cluster with a TypeError that names the fix', () => {
    for (const bad of [undefined, null, 42, 'mysql://', {}, { query() {} }]) {
      expect(() => instrument(bad as never)).toThrow(TypeError)
    }
    expect(() => instrument({} as never)).toThrow(/instrument\(mysql\.createPool\(url\)\)/)
    expect(() => instrument(Promise.resolve({}) as never)).toThrow(/await it first/)
    expect(() => instrumentModule({} as never)).toThrow(TypeError)
  })

  it('returns the same object and never counts twice when applied twice', async () => {
    const conn = fakeConnection()
    expect(instrument(instrument(conn))).toBe(conn)
    const { report } = await measureCost(() => run((d) => conn.query('SELECT * FROM t', d)))
    expect(report.total).toMatchObject({ count: 1, rows: 2, errors: 0 })
  })

  it('counts callback, event and error forms exactly once, and passes the error on unchanged', async () => {
    const failure = new Error('boom')
    const ok = instrument(fakeConnection())
    const bad = instrument(fakeConnection(failure))
    const { report } = await measureCost(async () => {
      await run((d) => ok.execute('SELECT * FROM t WHERE id = ?', [1], d))
      await new Promise((resolve) => ok.query('SELECT * FROM t').on('end', resolve))
      expect(await run((d) => bad.query('SELECT * FROM t', d))).toBe(failure)
      const emitted = await new Promise((resolve) => bad.query('SELECT * FROM t').on('error', resolve))
      expect(emitted).toBe(failure)
    })
    expect(report.total).toMatchObject({ count: 4, rows: 4, affected: 0, errors: 2 })
  })

  it('instruments the callback connection behind a promise wrapper', async () => {
    const inner = fakeConnection()
    const promiseLike = { connection: inner, query: () => undefined }
    expect(instrument(promiseLike)).toBe(promiseLike)
    const { report } = await measureCost(() => run((d) => inner.query('SELECT 1', d)))
    expect(report.total.count).toBe(1)
  })
})
