import { readdir, stat } from 'node:fs/promises'
import { join, sep } from 'node:path'

/**
 * Expands the inputs a user named: plain paths stay as they are, `-` is standard input,
 * and a pattern with `*`, `?` or `**` (quoted, so the shell left it alone) is matched
 * here, in sorted order. A pattern that matches nothing is an error naming it.
 */
export async function expandPaths(inputs: readonly string[]): Promise<string[]> {
  const out: string[] = []
  for (const input of inputs) {
    if (input === '-' || !/[*?]/.test(input)) {
      out.push(input)
      continue
    }
    const matches = await matchPattern(input)
    if (matches.length === 0) throw new Error(`no file matches ${input}`)
    out.push(...matches)
  }
  return out
}

async function matchPattern(pattern: string): Promise<string[]> {
  const parts = pattern.split(/[\\/]/)
  const fixed: string[] = []
  while (parts.length > 1 && !/[*?]/.test(parts[0]!)) fixed.push(parts.shift()!)
  const base = fixed.length === 0 ? '.' : fixed.join(sep) || sep
  const found: string[] = []
  await walk(base, parts, fixed.length === 0 ? '' : base, found)
  return found.sort()
}

async function walk(dir: string, parts: string[], prefix: string, found: string[]): Promise<void> {
  const [head, ...rest] = parts
  if (head === undefined) return
  if (head === '**') {
    await walk(dir, rest, prefix, found)
    for (const entry of await entries(dir)) {
      if (entry.dir) await walk(join(dir, entry.name), parts, join(prefix, entry.name), found)
    }
    return
  }
  const re = toRegExp(head)
  for (const entry of await entries(dir)) {
    if (!re.test(entry.name)) continue
    const path = prefix === '' ? entry.name : join(prefix, entry.name)
    if (rest.length === 0 && !entry.dir) found.push(path)
    else if (rest.length > 0 && entry.dir) await walk(join(dir, entry.name), rest, path, found)
  }
}

async function entries(dir: string): Promise<{ name: string; dir: boolean }[]> {
  const list = await readdir(dir, { withFileTypes: true }).catch(() => [])
  const out: { name: string; dir: boolean }[] = []
  for (const entry of list) {
    const isDir = entry.isDirectory() || (entry.isSymbolicLink() && (await stat(join(dir, entry.name)).catch(() => null))?.isDirectory())
    out.push({ name: entry.name, dir: Boolean(isDir) })
  }
  return out
}

function toRegExp(glob: string): RegExp {
  const body = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replaceAll('*', '[^/]*')
    .replaceAll('?', '[^/]')
  return new RegExp(`^${body}$`)
}
