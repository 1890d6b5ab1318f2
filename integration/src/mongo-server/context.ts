import type { Document } from 'bson'
import type { CursorRegistry } from './cursors.js'
import type { Store } from './store.js'
import type { Transactions } from './transactions.js'

/** What a command handler works on: the server's state and the request's database. */
export interface HandlerContext {
  store: Store
  cursors: CursorRegistry
  transactions: Transactions
  /** The request's database (`$db`). */
  db: string
  /** `host:port` this server answers as, for `hello`. */
  address: string
  connectionId: number
}

/** A command handler: the command document in, the reply document out (or a thrown CommandError). */
export type Handler = (command: Document, ctx: HandlerContext) => Document
