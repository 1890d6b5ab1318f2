/** `1,234,567`: counts with thousands separators. */
export function formatCount(n: number): string {
  return Number.isInteger(n) ? n.toLocaleString('en-US') : n.toLocaleString('en-US', { maximumFractionDigits: 2 })
}

/** A duration with its unit: `850 µs`, `35.2 ms`, `4.21 s`, `3.5 min`. */
export function formatMs(ms: number): string {
  const abs = Math.abs(ms)
  if (abs === 0) return '0 ms'
  if (abs < 1) return `${(ms * 1000).toFixed(0)} µs`
  if (abs < 1000) return `${ms.toFixed(abs < 10 ? 2 : 1)} ms`
  if (abs < 60_000) return `${(ms / 1000).toFixed(2)} s`
  return `${(ms / 60_000).toFixed(1)} min`
}

/** A ratio as `×1.25`, or `new` when the before side was zero (and the after side not). */
export function formatRatio(ratio: number | null): string {
  return ratio === null ? 'new' : `×${ratio.toFixed(2)}`
}

/** A signed change: `+1,200` or `-3.5 ms`. */
export function formatChange(n: number, ms: boolean): string {
  const text = ms ? formatMs(n) : formatCount(n)
  return n > 0 ? `+${text}` : text
}
