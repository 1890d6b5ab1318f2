/**
 * A driver method as a driver package wraps it (`query`, `execute`, `connect`,
 * `getConnection`, `sendCommand` …): whatever `this`, whatever arguments. The one name
 * every driver package uses for it.
 */
export type Method = (this: unknown, ...args: unknown[]) => unknown

/**
 * Calls `fn` with exactly the `n` arguments its caller got (0 to 3), in `scope` when
 * there is one. Spelled out so no arguments array is built on the way: a driver calls
 * back with `(err)`, `(err, value)` or `(err, value, extra)`, and a callback that counts
 * its arguments sees the same number as without querycost.
 *
 * @example
 * return callWith(scope, user, this, arguments.length, error, rows, fields)
 */
export function callWith(
  scope: { runInAsyncScope(fn: Method, self: unknown, ...args: unknown[]): unknown } | undefined,
  fn: Method,
  self: unknown,
  n: number,
  a: unknown,
  b: unknown,
  c: unknown,
): unknown {
  if (scope === undefined) {
    if (n === 1) return fn.call(self, a)
    if (n === 2) return fn.call(self, a, b)
    if (n === 0) return fn.call(self)
    return fn.call(self, a, b, c)
  }
  if (n === 1) return scope.runInAsyncScope(fn, self, a)
  if (n === 2) return scope.runInAsyncScope(fn, self, a, b)
  if (n === 0) return scope.runInAsyncScope(fn, self)
  return scope.runInAsyncScope(fn, self, a, b, c)
}
