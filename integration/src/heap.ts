import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

// The collector, without --expose-gc on the command line (vitest's project config
// starts the workers): the flag set at run time, `gc` taken from a new context.
let collect: (() => void) | undefined

/** Bytes of heap in use after two full collections. */
export function heapAfterGc(): number {
  if (collect === undefined) {
    setFlagsFromString('--expose-gc')
    collect = runInNewContext('gc') as () => void
  }
  collect()
  collect()
  return process.memoryUsage().heapUsed
}
