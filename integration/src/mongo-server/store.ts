import type { Document } from 'bson'
import { Collection } from './collection.js'

/** Every database and collection the server holds, in memory, by namespace `db.coll`. */
export class Store {
  private readonly collections = new Map<string, Collection>()

  get(db: string, name: string): Collection | undefined {
    return this.collections.get(`${db}.${name}`)
  }

  /** The collection, created empty on first use as mongod does on a write. */
  ensure(db: string, name: string): Collection {
    const ns = `${db}.${name}`
    let c = this.collections.get(ns)
    if (c === undefined) {
      c = new Collection(db, name)
      this.collections.set(ns, c)
    }
    return c
  }

  /** The documents of a collection, or none when it does not exist. */
  docs(db: string, name: string): Document[] {
    return this.get(db, name)?.docs ?? []
  }

  drop(db: string, name: string): boolean {
    return this.collections.delete(`${db}.${name}`)
  }

  dropDatabase(db: string): void {
    for (const c of [...this.collections.values()]) if (c.db === db) this.collections.delete(c.ns)
  }

  list(db: string): Collection[] {
    return [...this.collections.values()].filter((c) => c.db === db)
  }

  databases(): string[] {
    return [...new Set([...this.collections.values()].map((c) => c.db))]
  }
}
