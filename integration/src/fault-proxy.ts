import { connect, createServer, type Server, type Socket } from 'node:net'

/** One client connection through the proxy and its upstream connection to the server. */
interface Pair {
  client: Socket
  upstream: Socket | undefined
  /** Bytes held while the proxy stalls, per direction. */
  toServer: Buffer[]
  toClient: Buffer[]
}

/**
 * A TCP proxy between a driver and a real server, for fault scenarios that disturb no
 * other user of that server: it listens on an ephemeral port of 127.0.0.1 and forwards
 * each connection to the server, and on command it
 *
 * - {@link refuse}s new connections (stops listening: the driver gets `ECONNREFUSED`),
 *   until {@link accept};
 * - {@link cut}s every open connection (destroys both sockets of each);
 * - {@link stall}s: forwards nothing either way (new connections are accepted and held),
 *   until {@link resume}, which delivers what was held, or {@link cut}.
 *
 * @example
 * const proxy = await FaultProxy.start({ host: '127.0.0.1', port: 5432 })
 * const pool = new pg.Pool({ host: '127.0.0.1', port: proxy.port })
 * proxy.cut()
 */
export class FaultProxy {
  /** The port drivers connect to. */
  readonly port: number
  private readonly target: { host: string; port: number }
  private server: Server | undefined
  private readonly pairs = new Set<Pair>()
  private stalled = false
  /** Connections accepted, since the start. */
  accepted = 0
  /** Connections cut by {@link cut}, since the start. */
  cutCount = 0

  private constructor(target: { host: string; port: number }, server: Server, port: number) {
    this.target = target
    this.server = server
    this.port = port
  }

  /** A proxy to `target`, listening on a free port of 127.0.0.1. */
  static async start(target: { host: string; port: number }): Promise<FaultProxy> {
    const server = createServer()
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(0, '127.0.0.1', () => resolve())
    })
    const proxy = new FaultProxy(target, server, (server.address() as { port: number }).port)
    server.on('connection', (socket) => proxy.admit(socket))
    return proxy
  }

  /** Open connections through the proxy now. */
  get open(): number {
    return this.pairs.size
  }

  /** Stops listening: a new connection is refused (`ECONNREFUSED`); open ones go on. */
  refuse(): void {
    const server = this.server
    this.server = undefined
    server?.close()
  }

  /** Listens again on the same port, after {@link refuse}. */
  async accept(): Promise<void> {
    if (this.server !== undefined) return
    const server = createServer()
    server.on('connection', (socket) => this.admit(socket))
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(this.port, '127.0.0.1', () => resolve())
    })
    this.server = server
  }

  /** Destroys both sockets of every open connection: the driver sees its connection end. */
  cut(): number {
    const n = this.pairs.size
    for (const pair of [...this.pairs]) this.drop(pair)
    this.cutCount += n
    return n
  }

  /** Forwards nothing, either way, from now on; new connections are held unconnected. */
  stall(): void {
    this.stalled = true
    for (const pair of this.pairs) {
      pair.client.pause()
      pair.upstream?.pause()
    }
  }

  /** Forwards again: delivers what was held, connects the connections held unconnected. */
  resume(): void {
    this.stalled = false
    for (const pair of this.pairs) {
      if (pair.upstream === undefined) this.connectUpstream(pair)
      else this.flush(pair)
      pair.client.resume()
      pair.upstream?.resume()
    }
  }

  /** Refuses new connections and cuts the open ones. */
  async close(): Promise<void> {
    this.refuse()
    this.cut()
  }

  private admit(client: Socket): void {
    this.accepted++
    const pair: Pair = { client, upstream: undefined, toServer: [], toClient: [] }
    this.pairs.add(pair)
    client.setNoDelay(true)
    client.on('error', () => this.drop(pair))
    client.on('close', () => this.drop(pair))
    client.on('data', (data: Buffer) => {
      if (this.stalled || pair.upstream === undefined) pair.toServer.push(data)
      else pair.upstream.write(data)
    })
    if (this.stalled) client.pause()
    else this.connectUpstream(pair)
  }

  private connectUpstream(pair: Pair): void {
    const upstream = connect(this.target.port, this.target.host)
    pair.upstream = upstream
    upstream.setNoDelay(true)
    upstream.on('error', () => this.drop(pair))
    upstream.on('close', () => this.drop(pair))
    upstream.on('data', (data: Buffer) => {
      if (this.stalled) pair.toClient.push(data)
      else pair.client.write(data)
    })
    this.flush(pair)
  }

  private flush(pair: Pair): void {
    for (const data of pair.toServer.splice(0)) pair.upstream?.write(data)
    for (const data of pair.toClient.splice(0)) pair.client.write(data)
  }

  private drop(pair: Pair): void {
    if (!this.pairs.delete(pair)) return
    pair.client.destroy()
    pair.upstream?.destroy()
    pair.toServer.length = 0
    pair.toClient.length = 0
  }
}
