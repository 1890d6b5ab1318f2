import { describe, expect, it } from 'vitest'
import { collectionOf, NOT_OPERATIONS } from '../src/commands.js'
import { readReply } from '../src/result.js'
import { targetOf } from '../src/targets.js'

describe('commands: collection, target and fingerprint', () => {
  it('takes the collection from the command, getMore from its collection field', () => {
    expect(collectionOf('find', { find: 'orders' })).toBe('orders')
    expect(collectionOf('getMore', { getMore: 12, collection: 'orders' })).toBe('orders')
    expect(collectionOf('aggregate', { aggregate: 1 })).toBeUndefined()
    expect(collectionOf('ping', { ping: 1 })).toBeUndefined()
  })

  it('verb is the command name; fingerprint its name, collection and filter shape; no values', () => {
    const a = targetOf('find', { find: 'orders', filter: { _id: 42 } })
    const b = targetOf('find', { find: 'orders', filter: { _id: 7 } })
    expect(a).toBe(b) // cached: same shape, same target
    expect(a).toMatchObject({ system: 'mongodb', verb: 'find', tables: ['orders'], fingerprint: 'find orders {_id:?}' })
    expect(targetOf('update', { update: 'orders', updates: [{ q: { s: 'x' }, u: { $set: { s: 'y' } } }] }).fingerprint).toBe(
      'update orders {s:?}',
    )
    expect(targetOf('distinct', { distinct: 'orders', key: 'status', query: {} }).fingerprint).toBe('distinct orders status {}')
    expect(targetOf('commitTransaction', { commitTransaction: 1 })).toMatchObject({
      tables: ['(none)'],
      fingerprint: 'commitTransaction (none)',
    })
  })

  it('handshakes, authentication and endSessions are not operations', () => {
    for (const name of ['hello', 'isMaster', 'saslStart', 'saslContinue', 'endSessions']) expect(NOT_OPERATIONS.has(name)).toBe(true)
    expect(NOT_OPERATIONS.has('ping')).toBe(false)
  })
})

describe('readReply: documents and writes from the reply', () => {
  it('cursor batches', () => {
    expect(readReply('find', { cursor: { firstBatch: [{}, {}] }, ok: 1 })).toEqual({ rows: 2, affected: 0, failed: false })
    expect(readReply('getMore', { cursor: { nextBatch: [{}] }, ok: 1 })).toEqual({ rows: 1, affected: 0, failed: false })
  })

  it('writes: n, nModified plus upserts, findAndModify', () => {
    expect(readReply('insert', { n: 3, ok: 1 })).toEqual({ rows: 0, affected: 3, failed: false })
    expect(readReply('update', { n: 4, nModified: 2, upserted: [{ index: 0, _id: 1 }], ok: 1 })).toEqual({
      rows: 0,
      affected: 3,
      failed: false,
    })
    expect(readReply('delete', { n: 5, ok: 1 })).toEqual({ rows: 0, affected: 5, failed: false })
    expect(readReply('findAndModify', { value: { _id: 1 }, lastErrorObject: { n: 1 }, ok: 1 })).toEqual({
      rows: 1,
      affected: 1,
      failed: false,
    })
    expect(readReply('findAndModify', { value: null, lastErrorObject: { n: 0 }, ok: 1 })).toEqual({ rows: 0, affected: 0, failed: false })
  })

  it('write errors make it a failure; odd replies never throw', () => {
    expect(readReply('insert', { n: 1, writeErrors: [{ code: 11000 }], ok: 1 }).failed).toBe(true)
    expect(readReply('find', null)).toEqual({ rows: 0, affected: 0, failed: false })
    expect(readReply('update', { nModified: 'x' })).toEqual({ rows: 0, affected: 0, failed: false })
  })
})
