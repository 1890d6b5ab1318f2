/** Options of {@link instrument}. */
export interface InstrumentOptions {
  /**
   * Maps a key (with ioredis's own `keyPrefix` already stripped) to the "table" it is
   * reported under. Default: the key up to its first `:` (`user:42` → `user`), or the
   * whole key when it has none. Whatever it returns, a client keeps at most
   * {@link MAX_TABLES} distinct names; later ones are reported as `(other)`.
   *
   * @example
   * instrument(redis, { table: (key) => key.split(':').slice(0, 2).join(':') })
   */
  table?: (key: string) => string
}

/** Distinct table names one instrumented client reports before folding into `(other)`. */
export const MAX_TABLES = 512

/** Resolved options, frozen. */
export interface ResolvedOptions {
  readonly table: ((key: string) => string) | undefined
}

const DEFAULTS: ResolvedOptions = Object.freeze({ table: undefined })

/** Merges user options over the frozen defaults, rejecting what cannot work. */
export function resolveOptions(options: InstrumentOptions | undefined): ResolvedOptions {
  if (options === undefined) return DEFAULTS
  if (options.table !== undefined && typeof options.table !== 'function') {
    throw new TypeError(
      '@querycost/ioredis: options.table must be a function (key) => table name, e.g. { table: (key) => key.split(":")[0] }',
    )
  }
  return Object.freeze({ ...DEFAULTS, ...options })
}
