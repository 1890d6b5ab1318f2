/**
 * Switches command monitoring on for a client that is already connected (Mongoose's
 * `mongoose.connect()` hands one over only then). The driver copied the setting into
 * each server's pool options and each pooled connection, so those copies are updated
 * too; servers discovered later read the client's options, already switched. This
 * reaches into the driver's internals (`topology.s.servers`, `server.pool`), checked
 * on `mongodb` 6 and 7; returns `false` if they are not shaped as expected.
 */
export function monitorConnected(topology: unknown): boolean {
  const servers = (topology as { s?: { servers?: unknown } } | undefined)?.s?.servers
  if (!(servers instanceof Map)) return false
  for (const server of servers.values()) {
    const pool = (server as { pool?: PoolLike }).pool
    if (pool === undefined || typeof pool.options !== 'object') return false
    pool.options = Object.freeze({ ...pool.options, monitorCommands: true })
    for (const connection of [...(pool.connections ?? []), ...(pool.checkedOut ?? [])]) {
      ;(connection as { monitorCommands?: boolean }).monitorCommands = true
    }
  }
  return true
}

interface PoolLike {
  options: Record<string, unknown>
  connections?: Iterable<unknown>
  checkedOut?: Iterable<unknown>
}
