/** `1234.5` → `1,234.5`; whole numbers stay whole. */
export function num(value, digits = 0) {
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
}

/**
 * A plain-text table: `columns` are `{ title, value(row), align }`; numbers align
 * right by default.
 *
 * @example
 * formatTable([{ a: 1 }], [{ title: 'a', value: (r) => num(r.a) }])
 */
export function formatTable(rows, columns) {
  const cells = rows.map((row) => columns.map((column) => String(column.value(row))))
  const widths = columns.map((column, i) => Math.max(column.title.length, ...cells.map((line) => line[i].length)))
  const pad = (text, i) =>
    (columns[i].align ?? (i === 0 ? 'left' : 'right')) === 'left' ? text.padEnd(widths[i]) : text.padStart(widths[i])
  const line = (values) => `  ${values.map(pad).join('  ')}`.trimEnd()
  return [line(columns.map((column) => column.title)), line(widths.map((width) => '-'.repeat(width))), ...cells.map(line)].join('\n')
}
