import { type Document, EJSON } from 'bson'
import type { Handler } from '../context.js'
import { matching, valuesAt } from '../documents.js'

/** `count`: matching documents, after `skip` and `limit`. */
export const count: Handler = (command, ctx) => {
  let n = matching(ctx.store.docs(ctx.db, String(command.count)), command.query).length
  n = Math.max(0, n - (command.skip ?? 0))
  if (command.limit !== undefined && command.limit !== 0) n = Math.min(n, Math.abs(command.limit))
  return { n, ok: 1 }
}

/** `distinct`: the distinct values of `key` among matching documents (arrays flattened). */
export const distinct: Handler = (command, ctx) => {
  const seen = new Map<string, unknown>()
  const path = String(command.key).split('.')
  for (const doc of matching(ctx.store.docs(ctx.db, String(command.distinct)), command.query as Document | undefined)) {
    for (const value of valuesAt(doc, path)) seen.set(EJSON.stringify({ v: value }, { relaxed: false }), value)
  }
  return { values: [...seen.values()], ok: 1 }
}
