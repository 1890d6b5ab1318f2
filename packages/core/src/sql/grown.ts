/** The typed arrays the SQL passes keep their per-token and per-depth state in. */
type TypedArray = Uint8Array | Uint16Array | Int32Array

/**
 * A copy of `from` in a new array of the same kind with room for `size` elements: the
 * passes' shared buffers grow this way when a text is longer or deeper than any before.
 */
export function grown<T extends TypedArray>(from: T, size: number): T {
  const to = new (from.constructor as new (length: number) => T)(size)
  to.set(from)
  return to
}
