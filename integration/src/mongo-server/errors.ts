import type { Document } from 'bson'

/** Server error codes this server answers with, by name (as mongod spells them). */
export const CODES = Object.freeze({
  BadValue: 2,
  FailedToParse: 9,
  TypeMismatch: 14,
  NamespaceNotFound: 26,
  CursorNotFound: 43,
  NamespaceExists: 48,
  CommandNotFound: 59,
  DuplicateKey: 11000,
})

export type CodeName = keyof typeof CODES

/** A command failure, answered as `{ ok: 0, errmsg, code, codeName }`. */
export class CommandError extends Error {
  constructor(
    readonly codeName: CodeName,
    message: string,
  ) {
    super(message)
  }

  get code(): number {
    return CODES[this.codeName]
  }

  toReply(): Document {
    return { ok: 0, errmsg: this.message, code: this.code, codeName: this.codeName }
  }
}

/** The `writeErrors` entry and message mongod gives a duplicate key. */
export function duplicateKey(ns: string, index: string, key: Document, at: number): Document {
  const shown = Object.entries(key)
    .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
    .join(', ')
  return {
    index: at,
    code: CODES.DuplicateKey,
    keyPattern: Object.fromEntries(Object.keys(key).map((k) => [k, 1])),
    keyValue: key,
    errmsg: `E11000 duplicate key error collection: ${ns} index: ${index} dup key: { ${shown} }`,
  }
}
