import { type Column, cellText, valueAt } from '../output/columns.js'
import { esc } from './escape.js'

/** An HTML table of rows, with the same columns and units as the terminal. */
export function htmlTable(columns: readonly Column[], rows: readonly object[], testId: string): string {
  if (rows.length === 0) return `<p class="empty" data-testid="${esc(testId)}">None.</p>`
  const head = columns.map((c) => `<th class="${c.kind === 'text' ? 't' : 'n'}">${esc(c.header)}</th>`).join('')
  const body = rows
    .map(
      (row) =>
        `<tr>${columns.map((c) => `<td class="${c.kind === 'text' ? 't' : 'n'}">${esc(cellText(valueAt(row, c.path), c.kind))}</td>`).join('')}</tr>`,
    )
    .join('\n')
  return `<table data-testid="${esc(testId)}"><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`
}
