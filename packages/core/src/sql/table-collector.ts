import { NOT_A_NAME } from './keywords.js'
import { EOF, TokenKind as K, type Token } from './token.js'

/** {@link TableCollector.table} flag: a name followed by `(` is a function (`FROM unnest(x)`). */
export const FUNCTION = 1
/** {@link TableCollector.table} flag: a `(` here holds a derived table or a parenthesised join. */
export const PAREN = 2
/** {@link TableCollector.table} flag: a table must stand here; anything else means garbage. */
export const REQUIRED = 4

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
  /** Token index of each of {@link names}, or -1 when qualified (never a CTE). */
  private readonly positions: number[] = []
  private ctes: Map<string, number[]> | undefined
  private match: Int32Array | undefined

  constructor(
    /** The statement text the tokens came from: mysql names are read from it as written. */
    readonly sql: string,
    readonly toks: readonly Token[],
    readonly start: number,
    readonly end: number,
    readonly mysql: boolean,
  ) {}

  /** The token at `k`, or {@link EOF} outside the statement. */
  tok(k: number): Token {
    return k >= this.start && k < this.end ? this.toks[k]! : EOF
  }

  /** The lower-cased word at `k`, or '' when there is none. */
  word(k: number): string {
    const t = this.tok(k)
    return t.kind === K.Word ? t.text : ''
  }

  /** Whether the token at `k` can be (part of) a name. */
  isName(k: number): boolean {
    const kind = this.tok(k).kind
    return kind === K.Word || kind === K.Quoted || kind === K.DoubleQuoted
  }

  /** A name token as it appears in a report: pg folds unquoted names, mysql keeps them. */
  part(t: Token): string {
    return t.kind === K.Word && this.mysql ? this.sql.slice(t.start, t.end) : t.text
  }

  /**
   * Reads a table reference at `k` (after FROM, JOIN, INTO, ...) and records it.
   * Returns the index after what it consumed, never less than `k`.
   */
  table(k: number, flags: number): number {
    let t = this.tok(k)
    while (t.kind === K.Word && (t.text === 'only' || t.text === 'lateral')) t = this.tok(++k)
    if (t.kind === K.LParen) {
      if (flags & PAREN) this.tableParen = k
      else if (flags & REQUIRED) this.failed = true
      return k
    }
    if (t.kind === K.Word) {
      if (this.mysql && t.text === 'dual') return k + 1
      if (t.text.charCodeAt(0) === 64) return k // mysql @variable
      if ((t.text === 'rows' && this.word(k + 1) === 'from') || NOT_A_NAME.has(t.text)) {
        if (flags & REQUIRED && t.text !== 'rows') this.failed = true
        return k
      }
    } else if (t.kind !== K.Quoted && t.kind !== K.DoubleQuoted) {
      if (flags & REQUIRED) this.failed = true
      return k
    }
    const after = this.readName(k)
    if (flags & FUNCTION && this.tok(after).kind === K.LParen) return after
    this.add(this.lastName, after === k + 1 ? k : -1)
    return after
  }

  /** Reads a possibly qualified name (`db.t`, `"public"."Users"`) into {@link lastName}. */
  readName(k: number): number {
    let name = this.part(this.tok(k))
    k++
    while (this.tok(k).kind === K.Dot && this.isName(k + 1)) {
      name += `.${this.part(this.tok(k + 1))}`
      k += 2
    }
    this.lastName = name
    return k
  }

  /** Records a table found at token `at` (-1 for a qualified name). */
  add(name: string, at: number): void {
    this.names.push(name)
    this.positions.push(at)
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
        const kind = this.toks[i]!.kind
        if (kind === K.LParen) stack.push(i)
        else if (kind === K.RParen && stack.length > 0) match[stack.pop()! - this.start] = i
      }
      this.match = match
    }
    return k >= this.start && k < this.end ? this.match[k - this.start]! : this.end
  }

  /** The tables found, CTE references dropped, de-duplicated in first-seen order; `null` on failure. */
  result(): string[] | null {
    if (this.failed) return null
    const out: string[] = []
    const seen = this.names.length > 8 ? new Set<string>() : undefined
    for (let i = 0; i < this.names.length; i++) {
      const name = this.names[i]!
      if (this.isCte(name, this.positions[i]!)) continue
      if (seen ? seen.has(name) : out.includes(name)) continue
      seen?.add(name)
      out.push(name)
    }
    return out
  }

  private isCte(name: string, at: number): boolean {
    if (this.ctes === undefined || at < 0) return false
    const ranges = this.ctes.get(this.mysql ? name.toLowerCase() : name)
    if (ranges === undefined) return false
    for (let i = 0; i < ranges.length; i += 2) if (at >= ranges[i]! && at < ranges[i + 1]!) return true
    return false
  }
}
