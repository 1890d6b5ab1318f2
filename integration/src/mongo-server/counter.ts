/** What the server saw for one collection: commands by name, and documents it returned. */
export interface CollectionCounts {
  commands: Record<string, number>
  count: number
  documents: number
}

/**
 * Counts the commands the server received per collection (`(none)` for commands
 * without one), and the documents it returned, so a test can hold querycost's report
 * against what the server saw. Handshakes, heartbeats, authentication and
 * `endSessions` are left out, as querycost leaves them out.
 */
export class CommandCounter {
  private counts = new Map<string, CollectionCounts>()

  add(collection: string, command: string, documents: number): void {
    let c = this.counts.get(collection)
    if (c === undefined) {
      c = { commands: {}, count: 0, documents: 0 }
      this.counts.set(collection, c)
    }
    c.commands[command] = (c.commands[command] ?? 0) + 1
    c.count += 1
    c.documents += documents
  }

  snapshot(): Record<string, CollectionCounts> {
    return Object.fromEntries(this.counts)
  }

  reset(): void {
    this.counts = new Map()
  }
}
