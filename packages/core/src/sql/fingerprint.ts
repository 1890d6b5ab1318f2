// TEMPORARY STUB (see analyze.ts).
export function fingerprintSql(text: string, _dialect: string): string {
  return text.trim().toLowerCase()
}
