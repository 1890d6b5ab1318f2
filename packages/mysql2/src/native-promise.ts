import { callbackBinding, isInstrumented, markInstrumented, safely } from '@querycost/core/driver'

// The promise API (`PromisePool`, `PromiseConnection`, `PromisePoolConnection`, a
// prepared statement's promise side) calls its callback-API counterpart synchronously,
// from the executor of a `new this.Promise(...)`, with a callback of mysql2's own that
// only settles that promise. With the native Promise, the caller's code continues from
// it in its own context whatever mysql2 does inside, so the core method needs no scope:
// only the statement must land in the caller's request (the pool's relay carries it). This flag tells
// the core method it is being called so.
let promised = false

/** Whether the promise API is calling this core method now, from a native Promise's executor; once. */
export function takePromised(): boolean {
  const p = promised
  promised = false
  return p
}

/**
 * What an instrumented promise object gets as its `Promise`: constructs a native
 * Promise, flagging its executor as the promise API's. It adds no frame to the stack
 * mysql2 captures for its errors (captured before the executor runs), and what it
 * returns is a native Promise, so `await` and `instanceof Promise` behave as before.
 * Rebinding switched off: no flag, the callback API's path.
 *
 * A derived class whose constructor returns the native Promise without calling `super`:
 * `new` then makes no receiver of its own (a plain function called with `new` made one
 * per query, for nothing). Its statics are the native Promise's (inherited), and a
 * native Promise is an instance of it.
 */
class NativePromise extends Promise<unknown> {
  // @ts-expect-error TS2377: the constructor returns another object and never needs its own `this`
  // biome-ignore lint/correctness/noUnreachableSuper: returns a native Promise; `super` would make the receiver this class exists to avoid
  constructor(executor: (resolve: (value: unknown) => void, reject: (reason?: unknown) => void) => void) {
    promised = callbackBinding()
    try {
      // biome-ignore lint/correctness/noConstructorReturn: the point: a native Promise, and no receiver made for it
      return new Promise(executor)
    } finally {
      promised = false
    }
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return value instanceof Promise
  }
}

/**
 * Instruments the promise side of a `mysql2/promise` pool or connection whose
 * callback-API object is instrumented: with the native Promise (the default), its
 * `Promise` becomes {@link NativePromise}, which the connections a promise pool hands
 * out and the statements they prepare inherit. A userland Promise is left as it is
 * (its continuations may not keep the caller's context by themselves), and so takes
 * the callback API's path. Twice is a no-op.
 */
export function instrumentPromiseObject(target: object): void {
  if (isInstrumented(target)) return
  const holder = target as { Promise?: unknown }
  if (holder.Promise === Promise) holder.Promise = NativePromise
  markInstrumented(target)
}

/**
 * Wraps a callback-API pool's or connection's `promise()`, so that the promise
 * object it makes, whenever it is taken, is instrumented too (see
 * {@link instrumentPromiseObject}).
 */
export function wrapPromiseFactory(core: { promise?: (...args: unknown[]) => unknown }): void {
  const original = core.promise
  if (typeof original !== 'function') return
  core.promise = function promise(this: unknown): unknown {
    const made: unknown = original.apply(this, arguments as unknown as unknown[])
    if (made !== null && typeof made === 'object') safely('mysql2 promise()', instrumentPromiseObject, made)
    return made
  }
}
