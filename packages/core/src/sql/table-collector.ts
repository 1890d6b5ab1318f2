import { keywordOf } from './keyword-table.js'
import { NOT_A_NAME } from './keywords.js'
import { tokenText } from './lexer.js'
import { TokenKind as K, Tokens } from './token.js'

/** {@link TableCollector.table} flag: a name followed by `(` is a function (`FROM unnest(x)`). */
export const FUNCTION = 1
/** {@link TableCollector.table} flag: a `(` here holds a derived table or a parenthesised join. */
export const PAREN = 2
/** {@link TableCollector.table} flag: a table must stand here; anything else means garbage. */
export const REQUIRED = 4

const NO_TOKENS = new Tokens()
// The list {@link TableCollector.result} is built in, reused.
const scratch: string[] = []

/**
 * The state of table extraction for one statement: its tokens, the names found so far
 * with where they were found, and the CTE names in scope, resolved once at the end.
 */
export class TableCollector {
  /** Set when the statement is not SQL we understand; the result is then `(unknown)`. */
  failed = false
  /** Index of a `(` standing where a table is expected, for the scanner to look into. */
  tableParen = -1
  /** The name {@link readName} read last, joined with dots. */
  lastName = ''
  private readonly names: string[] = []
  /** How many of {@link names} and {@link positions} this statement found (the arrays are reused). */
  private count = 0
  /** Token index of each of {@link names}, or -1 when qualified (never a CTE). */
  private readonly positions: number[] = []
  private ctes: Map<string, number[]> | undefined
  private match: Int32Array | undefined

  mysql = false
  toks: Tokens = NO_TOKENS
  start = 0
  end = 0

  /**
   * Starts on the statement in `toks[start, end)`. One collector serves every statement
   * of a text in turn, so a text of many statements makes no collector per statement.
   */
  reset(toks: Tokens, start: number, end: number): this {
    this.toks = toks
    this.start = start
    this.end = end
    this.mysql = toks.mysql
    this.failed = false
    this.tableParen = -1
    this.lastName = ''
    this.count = 0
    this.ctes = undefined
    this.match = undefined
    return this
  }

  /** Drops what the last statement left (its names and the text's tokens). */
  clear(): void {
    this.toks = NO_TOKENS
    this.names.fill('', 0, this.count)
    this.count = 0
    this.lastName = ''
    this.ctes = undefined
    this.match = undefined
  }

  /** The kind of the token at `k`, or `Eof` outside the statement. */
  kind(k: number): number {
    return k >= this.start && k < this.end ? this.toks.kind(k) : K.Eof
  }

  /** The lower-cased word at `k`, or '' when there is none. */
  word(k: number): string {
    return this.kind(k) === K.Word ? tokenText(this.toks, k) : ''
  }

  /**
   * The word at `k` when it is one of the keyword table's words, else '': what the scan
   * compares words with, read without making a string.
   */
  keyword(k: number): string {
    if (this.kind(k) !== K.Word) return ''
    const index = this.toks.keywords[k]!
    return index === 0 ? '' : keywordOf(index)
  }

  /** Whether the token at `k` can be (part of) a name. */
  isName(k: number): boolean {
    const kind = this.kind(k)
    return kind === K.Word || kind === K.Quoted || kind === K.DoubleQuoted
  }

  /** The name token at `k` as it appears in a report: pg folds unquoted names, mysql keeps them. */
  part(k: number): string {
    const toks = this.toks
    return this.kind(k) === K.Word && this.mysql ? toks.sql.slice(toks.starts[k], toks.ends[k]) : tokenText(toks, k)
  }

  /**
   * Reads a table reference at `k` (after FROM, JOIN, INTO, ...) and records it.
   * Returns the index after what it consumed, never less than `k`.
   */
  table(k: number, flags: number): number {
    let kind = this.kind(k)
    while (kind === K.Word && (this.keyword(k) === 'only' || this.keyword(k) === 'lateral')) kind = this.kind(++k)
    if (kind === K.LParen) {
      if (flags & PAREN) this.tableParen = k
      else if (flags & REQUIRED) this.failed = true
      return k
    }
    if (kind === K.Word) {
      const word = this.keyword(k)
      if (this.mysql && word === 'dual') return k + 1
      if (this.toks.sql.charCodeAt(this.toks.starts[k]!) === 64) return k // mysql @variable
      if ((word === 'rows' && this.keyword(k + 1) === 'from') || NOT_A_NAME.has(word)) {
        if (flags & REQUIRED && word !== 'rows') this.failed = true
        return k
      }
    } else if (kind !== K.Quoted && kind !== K.DoubleQuoted) {
      if (flags & REQUIRED) this.failed = true
      return k
    }
    const after = this.readName(k)
    if (flags & FUNCTION && this.kind(after) === K.LParen) return after
    this.add(this.lastName, after === k + 1 ? k : -1)
    return after
  }

  /** Reads a possibly qualified name (`db.t`, `"public"."Users"`) into {@link lastName}. */
  readName(k: number): number {
    let name = this.part(k)
    k++
    while (this.kind(k) === K.Dot && this.isName(k + 1)) {
      name += `.${this.part(k + 1)}`
      k += 2
    }
    this.lastName = name
    return k
  }

  /** Records a table found at token `at` (-1 for a qualified name). */
  add(name: string, at: number): void {
    this.names[this.count] = name
    this.positions[this.count] = at
    this.count++
  }

  /** Declares a CTE `name`, visible to references at token indexes in `[from, to)`. */
  addCte(name: string, from: number, to: number): void {
    this.ctes ??= new Map()
    const key = this.mysql ? name.toLowerCase() : name
    const ranges = this.ctes.get(key)
    if (ranges) ranges.push(from, to)
    else this.ctes.set(key, [from, to])
  }

  /** Index of the `)` that closes the `(` at `k`; only valid on a balanced statement. */
  closeOf(k: number): number {
    if (this.match === undefined) {
      const match = new Int32Array(this.end - this.start).fill(this.end)
      const stack: number[] = []
      for (let i = this.start; i < this.end; i++) {
        const kind = this.toks.kind(i)
        if (kind === K.LParen) stack.push(i)
        else if (kind === K.RParen && stack.length > 0) match[stack.pop()! - this.start] = i
      }
      this.match = match
    }
    return k >= this.start && k < this.end ? this.match[k - this.start]! : this.end
  }

  /**
   * The tables found, CTE references dropped, de-duplicated in first-seen order; `null` on
   * failure. `previous` itself when they are the same list (no new array).
   */
  result(previous?: readonly string[]): readonly string[] | null {
    if (this.failed) return null
    const out = scratch
    let n = 0
    const seen = this.count > 8 ? new Set<string>() : undefined
    for (let i = 0; i < this.count; i++) {
      const name = this.names[i]!
      if (this.isCte(name, this.positions[i]!)) continue
      if (seen ? seen.has(name) : out.lastIndexOf(name, n - 1) >= 0) continue
      seen?.add(name)
      out[n++] = name
    }
    let same = previous !== undefined && previous.length === n
    for (let i = 0; same && i < n; i++) same = previous![i] === out[i]
    const result = same ? previous! : out.slice(0, n)
    out.fill('', 0, n)
    return result
  }

  private isCte(name: string, at: number): boolean {
    if (this.ctes === undefined || at < 0) return false
    const ranges = this.ctes.get(this.mysql ? name.toLowerCase() : name)
    if (ranges === undefined) return false
    for (let i = 0; i < ranges.length; i += 2) if (at >= ranges[i]! && at < ranges[i + 1]!) return true
    return false
  }
}
