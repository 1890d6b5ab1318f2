// The typed arrays the SQL passes keep their per-token and per-depth state in grow here.

/**
 * A copy of `from` in a new Uint8Array with room for `size` elements, or `from` itself
 * when it has `size` already: the passes' shared buffers grow this way when a text is
 * longer or deeper than any before.
 *
 * The passes call it (or its Uint16Array and Int32Array twins), with {@link roomFor}, for
 * every text, long or short, so that growing is no code that only long texts run: V8
 * compiles the passes on the short statements a process sees first, and drops that code
 * where it meets code that never ran, with the rest of a long text then run in the
 * interpreter until it has compiled them again (tens of milliseconds for a first 1 MB
 * statement). One function per kind of array, so each call site sees one kind and V8
 * compiles the call to a length comparison (one generic function, reached with three
 * kinds, cost about 250 instructions a call).
 */
export function grownU8<T extends Uint8Array>(from: T, size: number): T {
  if (size === from.length) return from
  const to = new Uint8Array(size) as T
  to.set(from)
  return to
}

/** See {@link grownU8}. */
export function grownU16<T extends Uint16Array>(from: T, size: number): T {
  if (size === from.length) return from
  const to = new Uint16Array(size) as T
  to.set(from)
  return to
}

/** See {@link grownU8}. */
export function grownI32<T extends Int32Array>(from: T, size: number): T {
  if (size === from.length) return from
  const to = new Int32Array(size) as T
  to.set(from)
  return to
}

/**
 * The size of a buffer of `size` elements made to hold `count`: `size` when it does,
 * else the power of two at or above `count`. The same operations either way (see
 * {@link grownU8}).
 */
export function roomFor(size: number, count: number): number {
  return Math.max(size, 1 << (32 - Math.clz32(count - 1)))
}

// V8 gives a function type feedback only once it has run a while: the grown functions take their
// allocating path here, at load, on tiny arrays, so the passes that inline it have
// feedback for that path before they are compiled.
for (let k = 0; k < 64; k++) {
  grownU8(new Uint8Array(1), 2)
  grownU16(new Uint16Array(1), 2)
  grownI32(new Int32Array(1), 2)
}
