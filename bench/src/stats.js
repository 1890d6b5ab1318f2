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

/**
 * The median of `values` with a distribution-free confidence interval (default 95%):
 * the order statistics k and n + 1 − k, k the largest rank such that a binomial(n, ½)
 * falls below it with probability at most (1 − level) / 2. It assumes only that the
 * values are independent draws, which paired round differences on a drifting machine
 * come closest to. Fewer than 6 values give no interval (`low`/`high` undefined).
 *
 * @example
 * medianInterval([0.4, 0.5, 0.3, 0.6, 0.5, 0.4, 0.7]) // { median: 0.5, low: 0.3, high: 0.7 }
 */
export function medianInterval(values, level = 0.95) {
  const sorted = [...values].sort((a, b) => a - b)
  const n = sorted.length
  const tail = (1 - level) / 2
  // P(X ≤ j) for X ~ binomial(n, ½), accumulated until it would pass the tail.
  let k = 0
  let cumulative = 0
  let term = 0.5 ** n
  for (let j = 0; j < n; j++) {
    cumulative += term
    if (cumulative > tail) break
    k = j + 1
    term = (term * (n - j)) / (j + 1)
  }
  const m = median(sorted)
  if (k === 0) return { median: m, low: undefined, high: undefined }
  return { median: m, low: sorted[k - 1], high: sorted[n - k] }
}
