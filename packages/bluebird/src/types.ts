/**
 * The part of Bluebird's constructor this package uses, declared here so the package
 * never depends on Bluebird's types.
 */
export interface BluebirdLike {
  // biome-ignore lint/suspicious/noExplicitAny: the constructor's own signature is the user's Bluebird's
  new (...args: any[]): PromiseLike<unknown>
  config(options: { asyncHooks?: boolean }): unknown
  resolve(value?: unknown): BluebirdPromiseLike
  map(items: readonly unknown[], mapper: (item: unknown) => unknown, options?: { concurrency?: number }): BluebirdPromiseLike
  each(items: readonly unknown[], iterator: (item: unknown) => unknown): BluebirdPromiseLike
}

/** The Bluebird promise methods the probe chains. */
export interface BluebirdPromiseLike {
  delay(ms: number): BluebirdPromiseLike
  then(onFulfilled?: (value: unknown) => unknown, onRejected?: (error: unknown) => unknown): BluebirdPromiseLike
}

/** What Bluebird 3.7 keeps per callback: an `AsyncResource` when async hooks are on. */
export interface BluebirdInternals {
  _getContext?: () => { async?: unknown } | null
}
