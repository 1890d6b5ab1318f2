let second = Number.NaN
let prefix = ''

/**
 * `new Date(ms).toISOString()` for a wall-clock time in milliseconds, as every report's
 * `startedAt` needs it: the part up to the second is formatted once per second and
 * reused (a full `toISOString` costs about half a microsecond, a sizeable share of a
 * report), the milliseconds are appended. Same output for any time from 1970 to 9999.
 *
 * @example
 * isoTime(Date.UTC(2026, 10, 24, 15, 4, 5, 7)) // '2026-11-24T15:04:05.007Z'
 */
export function isoTime(ms: number): string {
  const s = Math.floor(ms / 1000)
  if (s !== second) {
    prefix = new Date(s * 1000).toISOString().slice(0, 20) // 'YYYY-MM-DDTHH:MM:SS.'
    second = s
  }
  const milli = ms - s * 1000
  return `${prefix}${milli < 10 ? '00' : milli < 100 ? '0' : ''}${milli}Z`
}
