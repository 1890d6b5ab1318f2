/** The matchers' signatures, added to vitest's `expect` by this package's types. */
export interface QuerycostMatchers<R = unknown> {
  /** Exact operations sent: in total, or on one system (`'pg'`) or table (`'pg:users'`). */
  toHaveQueryCount(count: number, scope?: string): R
  /** No statement shape in `repeated` (N+1), except those marked with `allowRepeats()`. */
  toHaveNoRepeatedStatements(): R
  /** Per table and operation counts, rows bucketed, no durations, in the test's snapshot file; `-u` updates it. */
  toMatchCostSnapshot(hint?: string): R
}

declare module 'vitest' {
  // biome-ignore lint/suspicious/noExplicitAny: the shape of vitest's own declaration
  interface Matchers<T = any> extends QuerycostMatchers<T> {}
}
