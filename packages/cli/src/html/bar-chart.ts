import { esc } from './escape.js'

/** One bar: its label, its length, the text shown at its end; a second value draws a paired bar (before/after). */
export interface Bar {
  label: string
  value: number
  text: string
  before?: { value: number; text: string }
}

const WIDTH = 760
const LABEL = 250
const ROW = 26

/**
 * A horizontal bar chart as inline SVG (no script, no network). With `before` set on
 * the bars, each row shows the earlier window as a thin grey bar above the later one.
 */
export function barChart(title: string, bars: readonly Bar[], testId: string): string {
  if (bars.length === 0) return `<p class="empty">No data.</p>`
  const paired = bars.some((b) => b.before !== undefined)
  const row = paired ? ROW + 10 : ROW
  const max = Math.max(...bars.flatMap((b) => [b.value, b.before?.value ?? 0]), 1e-9)
  const span = WIDTH - LABEL - 110
  const height = bars.length * row + 8
  const rows = bars.map((bar, i) => {
    const y = i * row + 4
    const w = Math.max(1, (bar.value / max) * span)
    const label = bar.label.length > 38 ? `${bar.label.slice(0, 37)}…` : bar.label
    let out = `<g data-bar="${esc(bar.label)}"><title>${esc(bar.label)}: ${esc(bar.text)}</title>`
    out += `<text x="${LABEL - 8}" y="${y + (paired ? 20 : 15)}" text-anchor="end" class="lbl">${esc(label)}</text>`
    if (bar.before !== undefined) {
      const bw = Math.max(1, (bar.before.value / max) * span)
      out += `<rect x="${LABEL}" y="${y}" width="${bw.toFixed(1)}" height="8" class="before"/>`
      out += `<text x="${LABEL + bw + 6}" y="${y + 8}" class="val small">${esc(bar.before.text)}</text>`
      out += `<rect x="${LABEL}" y="${y + 11}" width="${w.toFixed(1)}" height="16" class="bar"/>`
      out += `<text x="${LABEL + w + 6}" y="${y + 24}" class="val">${esc(bar.text)}</text>`
    } else {
      out += `<rect x="${LABEL}" y="${y}" width="${w.toFixed(1)}" height="18" class="bar"/>`
      out += `<text x="${LABEL + w + 6}" y="${y + 14}" class="val">${esc(bar.text)}</text>`
    }
    return `${out}</g>`
  })
  return `<svg role="img" aria-label="${esc(title)}" data-testid="${esc(testId)}" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}">${rows.join('')}</svg>`
}
