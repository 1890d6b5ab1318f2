import { PGlite } from '@electric-sql/pglite'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'

/**
 * Starts PGlite (PostgreSQL compiled to WebAssembly) in this process and serves it
 * over the PostgreSQL wire protocol on 127.0.0.1, on a port the OS picks, so the real
 * `pg` driver connects to it as to any server.
 *
 * PGlite runs one statement at a time; pglite-socket queues every connection's
 * messages onto it. Its `maxConnections` (default 1) is also set on the `net.Server`,
 * which drops a new socket while the old one is still open: pg-pool replaces a client
 * after a failed `pool.query`, and the replacement arrives before the old socket has
 * closed, so with 1 it fails with "Connection terminated unexpectedly". A few spare
 * slots avoid that; give the pool `max: 1` so only one connection is ever busy.
 *
 * @example
 * const pg = await startEmbeddedPostgres()
 * const pool = new Pool({ ...pg.connection, max: 1 })
 * await pg.stop()
 */
export async function startEmbeddedPostgres() {
  const db = await PGlite.create()
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 4 })
  await server.start()
  const port = Number(server.getServerConn().split(':').pop())
  return {
    db,
    connection: { host: '127.0.0.1', port, user: 'postgres', password: 'postgres', database: 'postgres' },
    async stop() {
      await server.stop()
      await db.close()
    },
  }
}
