import { formatChange, formatCount, formatMs, formatRatio } from './units.js'

/** How a column shows in the terminal: text left-aligned, figures right-aligned with units. */
export type ColumnKind = 'text' | 'count' | 'ms' | 'ratio' | 'countChange' | 'msChange'

/** One column of an answer: where its value is (`a.b` reaches into an object) and its header. */
export interface Column {
  path: string
  header: string
  kind: ColumnKind
}

/** The value at `a.b.c` of a row. */
export function valueAt(row: object, path: string): unknown {
  let value: unknown = row
  for (const part of path.split('.')) value = (value as Record<string, unknown> | undefined)?.[part]
  return value
}

/** A cell's text for the terminal. */
export function cellText(value: unknown, kind: ColumnKind): string {
  if (value === undefined || value === null) return kind === 'ratio' ? '—' : ''
  if (typeof value !== 'number') return String(value)
  switch (kind) {
    case 'count':
      return formatCount(value)
    case 'ms':
      return formatMs(value)
    case 'ratio':
      return formatRatio(value)
    case 'countChange':
      return formatChange(value, false)
    case 'msChange':
      return formatChange(value, true)
    default:
      return String(value)
  }
}
