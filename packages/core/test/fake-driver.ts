import { AsyncResource } from 'node:async_hooks'
import { beginOperation, bindCallback, makeTarget, type OperationTarget } from '../src/driver.js'

/**
 * An in-process stand-in for a driver: operations complete on a shared "socket"
 * resource created outside any request, as a real connection's data events do, so a
 * callback that is not rebound runs in the wrong context.
 */
export class FakeDriver {
  private readonly socket = new AsyncResource('fake-socket')
  readonly targets = new Map<string, OperationTarget>()

  target(table: string, verb = 'SELECT', fingerprint = `select * from ${table} where id = ?`): OperationTarget {
    const key = `${table}|${verb}|${fingerprint}`
    let t = this.targets.get(key)
    if (t === undefined) {
      t = makeTarget('fake', verb, [table], fingerprint)
      this.targets.set(key, t)
    }
    return t
  }

  /** One operation returning `rows` rows (or failing), completed asynchronously on the socket. */
  query(table: string, rows: number, callback: (error: Error | null, rows?: number) => void, fail = false): void {
    const op = beginOperation(this.target(table))
    const bound = bindCallback(callback)
    setImmediate(() =>
      this.socket.runInAsyncScope(() => {
        if (fail) {
          op.fail()
          bound(new Error('boom'))
        } else {
          op.end(rows, 0)
          bound(null, rows)
        }
      }),
    )
  }

  queryAsync(table: string, rows: number): Promise<number> {
    return new Promise((resolve, reject) => this.query(table, rows, (err, n) => (err ? reject(err) : resolve(n as number))))
  }
}
