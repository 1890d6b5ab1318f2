/**
 * A count put in a bucket a snapshot can hold steady: `0`, `1`, then one bucket per
 * power of ten (`2-9`, `10-99`, `100-999` …). Rows move with the data; a snapshot
 * should only change when the order of magnitude does.
 */
export function bucket(n: number): string {
  if (n <= 1) return String(Math.max(0, n))
  if (n < 10) return '2-9'
  const low = 10 ** Math.floor(Math.log10(n))
  return `${low}-${low * 10 - 1}`
}
