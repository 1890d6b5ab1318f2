import { type Column, cellText, valueAt } from './columns.js'

/** The three output formats. */
export type OutputFormat = 'table' | 'json' | 'csv'

/**
 * Renders an answer: an aligned terminal table of `columns`, or every field of every
 * row as JSON, or as CSV (nested fields flattened to `a_b`).
 */
export function render(format: OutputFormat, columns: readonly Column[], rows: readonly object[]): string {
  if (format === 'json') return `${JSON.stringify(rows, null, 2)}\n`
  if (format === 'csv') return toCsv(rows.map((row) => flatten(row)))
  return textTable(columns, rows)
}

/** An aligned table with a header and a rule; numbers right-aligned. */
export function textTable(columns: readonly Column[], rows: readonly object[]): string {
  if (rows.length === 0) return '(no rows)\n'
  const cells = rows.map((row) => columns.map((c) => cellText(valueAt(row, c.path), c.kind)))
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((r) => r[i]!.length)))
  const line = (values: string[]) =>
    values
      .map((v, i) => (columns[i]!.kind === 'text' ? v.padEnd(widths[i]!) : v.padStart(widths[i]!)))
      .join('  ')
      .trimEnd()
  const out = [line(columns.map((c) => c.header)), widths.map((w) => '─'.repeat(w)).join('  ')]
  for (const row of cells) out.push(line(row))
  return `${out.join('\n')}\n`
}

/** `{ a: { b: 1 } }` → `{ a_b: 1 }`. */
export function flatten(row: object, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  for (const [key, value] of Object.entries(row)) {
    const name = prefix === '' ? key : `${prefix}_${key}`
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) flatten(value, name, out)
    else out[name] = value
  }
  return out
}

/** CSV with a header line: RFC 4180 quoting where a value needs it. */
export function toCsv(rows: readonly Record<string, unknown>[]): string {
  const headers = [...new Set(rows.flatMap((row) => Object.keys(row)))]
  const cell = (value: unknown) => {
    const text = value === null || value === undefined ? '' : Array.isArray(value) ? value.join(' ') : String(value)
    return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
  }
  return `${[headers.join(','), ...rows.map((row) => headers.map((h) => cell(row[h])).join(','))].join('\n')}\n`
}
