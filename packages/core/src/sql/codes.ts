/**
 * The UTF-16 code units of a text in a typed array, for the passes that read every
 * character. V8 reads an element of a typed array in one load; each `charCodeAt` first
 * checks how the string is stored, and a loop over 200 characters that way took about
 * four times as long (Node 20 and 24). One native copy per text pays for itself from
 * the first few dozen characters.
 *
 * Two zeros follow the text, so a read one or two past its end gives 0, as `codeAt()`
 * does. The array is reused for every text up to {@link KEPT_UNITS} code units; a longer
 * text gets one of its own, not kept (the same code path, so V8 meets no new code on
 * the first long text). Read it before the next call: the next text overwrites it.
 */

/** Code units kept between calls: 32 KB of memory. */
export const KEPT_UNITS = 16 * 1024

/** Whether this machine stores a Uint16Array's elements little-endian, as `utf16le` writes them. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1

const keptBytes = Buffer.allocUnsafeSlow(KEPT_UNITS * 2)
const kept = new Uint16Array(keptBytes.buffer, keptBytes.byteOffset, KEPT_UNITS)

/**
 * The code units of `text`, then two zeros, in `[0, text.length + 2)` of the array
 * returned (which may be longer).
 */
export function codesOf(text: string): Uint16Array {
  const n = text.length
  let bytes = keptBytes
  let codes = kept
  if (n + 2 > KEPT_UNITS) {
    bytes = Buffer.allocUnsafeSlow((n + 2) * 2)
    codes = new Uint16Array(bytes.buffer, bytes.byteOffset, n + 2)
  }
  if (LITTLE_ENDIAN) bytes.write(text, 0, n * 2, 'utf16le')
  else for (let i = 0; i < n; i++) codes[i] = text.charCodeAt(i)
  codes[n] = 0
  codes[n + 1] = 0
  return codes
}
