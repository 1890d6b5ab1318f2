const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }

/**
 * An instant from the command line, as epoch ms: an ISO date or time (`2026-11-23`,
 * `2026-11-23T10:00Z`; a date alone is midnight UTC) or a span ago (`90m`, `6h`, `7d`).
 */
export function parseInstant(text: string, now = Date.now()): number {
  const ago = /^(\d+(?:\.\d+)?)([smhdw])$/.exec(text.trim())
  if (ago) return now - Number(ago[1]) * UNITS[ago[2]!]!
  const ms = Date.parse(text)
  if (!Number.isFinite(ms))
    throw new Error(`"${text}" is not a time: write 2026-11-23, 2026-11-23T10:00:00Z, or a span ago such as 6h or 7d`)
  return ms
}

/** A window `A..B` (either side may be left out; B is exclusive), as for `--before` and `--after`. */
export interface TimeWindow {
  since?: number
  until?: number
}

/** Parses `A..B`, `A..` or `..B`. */
export function parseWindow(text: string, now = Date.now()): TimeWindow {
  const at = text.indexOf('..')
  if (at === -1) throw new Error(`"${text}" is not a window: write START..END, as in 2026-11-01..2026-11-08 (either side may be left out)`)
  const start = text.slice(0, at).trim()
  const end = text.slice(at + 2).trim()
  const window: TimeWindow = {}
  if (start !== '') window.since = parseInstant(start, now)
  if (end !== '') window.until = parseInstant(end, now)
  return window
}
