/**
 * Length bounds of the names a report holds, so a report stays small in bytes whatever
 * the statements and keys were. A longer name is cut to the bound: its start, `…`, and
 * 8 hex digits of a hash of the whole name, so distinct long names stay distinct.
 * `docs/report-limits.md` lists them.
 */

/** Table names (SQL tables, Redis key prefixes, MongoDB collections), in characters. */
export const MAX_TABLE_LENGTH = 128
/** Operation names (SQL verbs, Redis commands, MongoDB commands), in characters. */
export const MAX_OPERATION_LENGTH = 64
/** Fingerprints, in characters. */
export const MAX_FINGERPRINT_LENGTH = 2048
/** Tables one operation is reported on; past it, the rest count as one `(other)`. */
export const MAX_TABLES_PER_OPERATION = 64

/**
 * `text` when it is at most `max` characters long; otherwise its first `max - 9`
 * characters, `…` and an 8-hex-digit hash of the whole text (exactly `max` characters).
 *
 * @example
 * boundName('x'.repeat(300), 128) // 'xxx…x…1f2e3d4c' (128 characters)
 */
export function boundName(text: string, max: number): string {
  if (text.length <= max) return text
  return `${text.slice(0, max - 9)}…${hash32(text).toString(16).padStart(8, '0')}`
}

/**
 * {@link boundName} of the text whose UTF-16 code units are `units[0, length)`, made
 * without building the whole text: a fingerprint written into a buffer.
 */
export function boundUnits(units: Uint16Array, length: number, max: number): string {
  if (length <= max) return fromUnits(units, 0, length)
  return `${fromUnits(units, 0, max - 9)}…${unitsHash(units, length).toString(16).padStart(8, '0')}`
}

/**
 * FNV-1a over `units[0, length)`, in a function of its own: only long fingerprints are
 * hashed, so its loop first runs on a long text, in the interpreter until V8 compiles it,
 * which is quick for a loop alone. The seed is an int32 from the start (as a double, V8's
 * compiled loop deopts when it turns into one).
 */
function unitsHash(units: Uint16Array, length: number): number {
  let h = 0x811c9dc5 | 0
  for (let i = 0; i < length; i++) h = Math.imul(h ^ units[i]!, 0x01000193)
  return h >>> 0
}

/** The string of code units `units[from, to)`. */
export function fromUnits(units: Uint16Array, from: number, to: number): string {
  if (to - from <= 4096) return String.fromCharCode.apply(null, units.subarray(from, to) as unknown as number[])
  const parts: string[] = []
  for (let i = from; i < to; i += 4096)
    parts.push(String.fromCharCode.apply(null, units.subarray(i, Math.min(to, i + 4096)) as unknown as number[]))
  return parts.join('')
}

/** FNV-1a over the UTF-16 code units of `text`. */
function hash32(text: string): number {
  let h = 0x811c9dc5 | 0
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  return h >>> 0
}
