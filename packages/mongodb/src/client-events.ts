import { performance } from 'node:perf_hooks'
import { reportInternalError } from './core.js'
import { hookPools } from './pool.js'
import { beginPoolWait, failPoolWait } from './pool-wait.js'
import type { MongoClientLike } from './types.js'

/**
 * Reads three of the client's connection-pool events at its `emit`, before any
 * listener, and passes every event on unchanged: a new pool (its connections are then
 * made to count), and a checkout starting or failing in the caller's frame (pool wait).
 */
export function hookClientEvents(client: MongoClientLike): void {
  const emit = client.emit
  client.emit = function (this: MongoClientLike, event: string | symbol, ...args: unknown[]): boolean {
    if (event === 'connectionCheckOutStarted') beginPoolWait(performance.now())
    else if (event === 'connectionCheckOutFailed') failPoolWait(performance.now())
    else if (event === 'connectionPoolCreated' && !hookPools(this.topology)) {
      reportInternalError(
        'mongodb pool',
        new Error('@querycost/mongodb: this driver’s pools are not shaped as expected; its commands are not counted'),
      )
    }
    return Reflect.apply(emit, this, [event, ...args]) as boolean
  }
}
