// Times kept as small integers: a `performance.now()` reading (ms, a double) split into
// whole seconds and the µs into that second. V8 stores a small integer in the object
// itself, where a double field is a box of its own elsewhere in the heap: one more
// cache line to fetch each time an operation ends, thousands of operations after its
// context was last touched (three boxes drew 44% of `settle`'s samples in pg pipeline,
// Node 24).

/** Whole seconds of a `performance.now()` reading. */
export function wholeSeconds(now: number): number {
  return Math.floor(now / 1000)
}

/** The µs of a `performance.now()` reading past the whole second `s`, to the nearest µs. */
export function microsPast(now: number, s: number): number {
  return Math.round((now - s * 1000) * 1000)
}
