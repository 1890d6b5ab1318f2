import { describe, expect, it } from 'vitest'
import { shape } from '../src/shape.js'

describe('shape: a filter with every value replaced by ?', () => {
  it('keeps keys and operators, drops values', () => {
    expect(shape({ status: 'new', total: { $gt: 10 } })).toBe('{status:?,total:{$gt:?}}')
    expect(shape({ _id: { $in: [1, 2, 3] } })).toBe('{_id:{$in:[?]}}')
    expect(shape({ $or: [{ a: 1 }, { b: 'x' }] })).toBe('{$or:[{a:?},{b:?}]}')
    expect(shape({})).toBe('{}')
    expect(shape(undefined)).toBe('?')
  })

  it('treats BSON values, dates and buffers as values', () => {
    const objectId = { _bsontype: 'ObjectId', id: 'secret' }
    expect(shape({ _id: objectId, at: new Date(0), raw: Buffer.from('x') })).toBe('{_id:?,at:?,raw:?}')
  })

  it('a pipeline keeps its stages', () => {
    expect(shape([{ $match: { a: 1 } }, { $group: { _id: '$a', n: { $sum: 1 } } }])).toBe('[{$match:{a:?}},{$group:{_id:?,n:{$sum:?}}}]')
  })

  it('stops at a bounded depth', () => {
    let deep: Record<string, unknown> = { v: 1 }
    for (let i = 0; i < 20; i++) deep = { d: deep }
    expect(shape(deep).length).toBeLessThan(60)
  })
})
