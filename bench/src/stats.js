/** Median of a list of numbers (mean of the two middle values for an even count). */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/** Relative spread of a sample: (p75 - p25) / median, to flag noisy rows. */
export function spread(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const q = (p) => sorted[Math.min(sorted.length - 1, Math.round(p * (sorted.length - 1)))]
  const m = median(values)
  return m === 0 ? 0 : (q(0.75) - q(0.25)) / m
}
