import { createServer } from 'node:net'

/**
 * A local TCP port nobody listens on: bound, then closed, so a connection to it is
 * refused at once (ECONNREFUSED), without disturbing the machine's own servers.
 */
export async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}
