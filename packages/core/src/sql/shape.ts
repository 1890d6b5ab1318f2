import { CLASS, DIGIT, isDigit, isPart, isWordStart, OP, PART, PUNCT, SPACE, WORD } from './char-class.js'
import { codesOf } from './codes.js'
import { grownI32, roomFor } from './grown.js'
import { commentAt, dollarQuoteEnd, isStringPrefix, numberEnd, operatorEnd, quotedEnd } from './literal-end.js'

/**
 * The shape of a SQL text: a 53-bit digest of its tokens with every literal value left
 * out, so texts that differ only in values share one cache entry, found in one pass
 * over the characters and without allocating. The tokens are those of `lexer.ts` (the
 * same boundaries, through the same helpers); what the digest folds in, per token, is
 * its kind, whether space came before it, and, for names, keywords and operators, its
 * characters as written. Strings, numbers and placeholders fold in their kind only.
 *
 * Two rules of the fingerprint are applied here too, so an `IN` list or a bulk `VALUES`
 * of any length is one shape: a parenthesised list of nothing but values is one value
 * (`(1, 2, 3)` is `(1)`), and a group repeated right after itself and a comma, in a
 * list that `VALUES` or a `(` opens, is dropped (`VALUES (1, 'a'), (2, 'b')` is
 * `VALUES (1, 'a')`). A statement equal in shape to the one before it, in a text of
 * many, is dropped too and counted ({@link shapeInfo}'s `repeats`): 23,000 inserts of
 * one shape in one text are analysed as one. Equal digests therefore mean the same verbs, tables and
 * fingerprints (`shape.test.ts` checks it). The ranges dropped are recorded, so a long
 * text seen for the first time is analysed through {@link reducedText}: a bulk insert
 * of a megabyte is analysed as one row.
 */

// Token tags folded into the digest (shifted left by one: the low bit says "space before").
const T_WORD = 1
const T_QUOTED = 2
const T_STRING = 3
const T_DOUBLE_QUOTED = 4
const T_NUMBER = 5
const T_PARAM = 6
const T_OPERATOR = 7
const T_PUNCT = 8
const T_GROUP = 9
const T_OPEN_GROUP = 10
const T_BROKEN = 11
const T_COMMA = 12
const T_STATEMENT = 13
const T_REPEAT = 14
/** `prevTag` after a `;` and at the start: a statement has no token yet. */
const T_SEMI = -2

// A list of values folds as this one group.
const VALUES_A = 0x2f6b_1a3d
const VALUES_B = 0x51c0_7e29

const SEED_A = 0x811c_9dc5 | 0
const SEED_B = 0x3c6e_f372 | 0
const P_A = 0x0100_0193
const P_B = 0x5bd1_e995 | 0

/** Parentheses nested deeper than this fold as plain tokens (no list rules below it). */
const MAX_DEPTH = 256

// Per open group: digest so far, last child group's digest, flags, where it opened.
const groupA = new Int32Array(MAX_DEPTH + 1)
const groupB = new Int32Array(MAX_DEPTH + 1)
const lastA = new Int32Array(MAX_DEPTH + 1)
const lastB = new Int32Array(MAX_DEPTH + 1)
const flags = new Int32Array(MAX_DEPTH + 1)
const firstValueEnd = new Int32Array(MAX_DEPTH + 1)
const lastValueEnd = new Int32Array(MAX_DEPTH + 1)
/** Where the last child group of each open group ended: a repeat is dropped from there. */
const groupEnd = new Int32Array(MAX_DEPTH + 1)

// Group flags.
const ONLY_VALUES = 1
const WANT_VALUE = 2
const HAS_LAST = 4
/** A child group just closed (0 in the fingerprint's terms). */
const AFTER_GROUP = 8
/** ... and then a comma, held back until we know whether the next group repeats. */
const HELD_COMMA = 16
const HELD_COMMA_SPACE = 32
/** The current run of sibling groups may drop repeats (`VALUES (..), (..)`, `((..), (..))`). */
const RUN = 64
/** This group opened right after `<group>,` in a run. */
const IN_RUN = 128
const SPACE_BEFORE = 256

/** What {@link sqlShape} found besides the digest. */
export const shapeInfo = {
  /** The text holds a string, a number longer than 3 characters, a mysql `"..."` or an unclosed literal: never keep it as a key. */
  literal: false,
  /** Ranges `[start, end)` dropped, in `dropped[0 .. droppedLength)`. */
  dropped: new Int32Array(64),
  droppedLength: 0,
  /**
   * Statements dropped as repeats of the one before them: pairs of (index of the statement
   * kept, among the non-empty ones of the text left, and how many times more it stands),
   * in `repeats[0 .. repeatsLength)`.
   */
  repeats: new Int32Array(64),
  repeatsLength: 0,
  /** The non-empty statements of the text left once the dropped ranges are cut out. */
  statements: 0,
}

function drop(start: number, end: number): void {
  let d = shapeInfo.dropped
  let n = shapeInfo.droppedLength
  // A repeated group drops the ranges already dropped inside it; adjacent drops merge.
  while (n > 0 && d[n - 2]! >= start) n -= 2
  if (n > 0 && d[n - 1] === start) {
    d[n - 1] = end
    shapeInfo.droppedLength = n
    return
  }
  // Grown by the same operations whether it grows (see grown.ts).
  shapeInfo.dropped = d = grownI32(d, roomFor(d.length, n + 2))
  d[n] = start
  d[n + 1] = end
  shapeInfo.droppedLength = n + 2
}

/**
 * The shape digest of `sql` (see the module comment): an integer below 2^53, equal for
 * texts that differ only in literal values, comments, the amount of white space, the
 * length of value lists and the number of repeated rows. Sets {@link shapeInfo}.
 * Linear in the length of `sql`; never throws; allocates only when it drops a range
 * past the 32nd.
 *
 * @example
 * sqlShape("SELECT * FROM t WHERE id IN (1, 2) AND s = 'x'", false) === sqlShape('SELECT * FROM t WHERE id IN (7) AND s = \'y\'', false) // true
 */
export function sqlShape(sql: string, mysql: boolean): number {
  const n = sql.length
  // The text's code units: a typed array read is one load, a `charCodeAt` is not (codes.ts).
  const u = codesOf(sql)
  const cl = CLASS
  let a = SEED_A
  let b = SEED_B
  let depth = 0
  let over = 0 // parentheses opened past MAX_DEPTH
  let state = ONLY_VALUES | WANT_VALUE
  let prevTag = T_SEMI // the text starts as after a `;`
  let prevValues = false // the previous token is the word VALUES or VALUE
  let noDrop = false
  let literal = false
  // As after `; `: the first statement of a text and the next ones start alike (the
  // fingerprint has no space before a statement), so a repeat of the first is one.
  let space = true
  let i = 0
  // Statements: each is digested from the seed as a unit (in `a`, `b`), and ended by
  // statementEnd() at its `;` outside parentheses or at the end of the text.
  statements[S_TA] = SEED_A
  statements[S_TB] = SEED_B
  statements[S_KEPT] = 0
  statements[S_SEGMENTS] = 0
  shapeInfo.droppedLength = 0
  shapeInfo.repeatsLength = 0
  while (i < n) {
    const c = u[i]!
    const cls = c < 128 ? cl[c]! : c === 0xa0 || c === 0xfeff ? SPACE : WORD
    if (cls & SPACE) {
      space = true
      i++
      continue
    }
    const next = u[i + 1]!
    // Only `-`, `/` and `#` (all of the operator class) can open a comment.
    const afterComment = cls & OP ? commentAt(sql, i, c, next, mysql) : -1
    if (afterComment >= 0) {
      i = afterComment
      space = true
      continue
    }
    // `(`, `)`, `,`, `;`, `[`, `]`: one character, no literal or name, and the only tokens
    // the group, statement and comma rules below look at.
    const punct = (cls & PUNCT) !== 0
    const afterValues = prevValues
    prevValues = false
    let j = i + 1
    let tag = T_PUNCT
    let value = false // a value of a value list: string, number or placeholder
    let folded = false // the token's characters are folded already
    if (punct) {
      // A punctuation token: T_PUNCT, one character.
    } else if (cls & WORD || (c === 36 && mysql) || (c === 64 && mysql && (next === 64 || isPart(next)))) {
      // Folded as it is read (a string prefix too: E, X, N, _charset stay part of the digest).
      a = Math.imul(a ^ ((T_WORD << 1) | (space ? 1 : 0)), P_A)
      b = (b + a) | 0
      a = Math.imul(a ^ c, P_A)
      b = (b + a) | 0
      for (; j < n; j++) {
        const d = u[j]!
        if (d < 128 ? (cl[d]! & PART) === 0 && !(c === 64 && d === 64) : d === 0xa0 || d === 0xfeff) break
        a = Math.imul(a ^ d, P_A)
        b = (b + a) | 0
      }
      const q = u[j]! // 0 past the end
      if (q === 39 && isStringPrefix(sql, i, j, mysql)) {
        const end = quotedEnd(sql, j + 1, 39, mysql || (j === i + 1 && (c | 32) === 101))
        tag = end < 0 ? T_BROKEN : T_STRING
        literal = true
        value = end >= 0
        j = end < 0 ? n : end
      } else if (q === 38 && j === i + 1 && (c | 32) === 117 && !mysql && (u[j + 1] === 39 || u[j + 1] === 34)) {
        const quote = u[j + 1]!
        const end = quotedEnd(sql, j + 2, quote, false)
        if (end < 0) {
          tag = T_BROKEN
          literal = true
          j = n
        } else if (quote === 39) {
          tag = T_STRING
          literal = true
          value = true
          j = end
        } else {
          tag = T_QUOTED
          j = end
        }
      } else {
        tag = T_WORD
        folded = true
        prevValues = j - i >= 5 && j - i <= 6 && isValuesWord(u, i, j)
      }
    } else if (cls & DIGIT || (c === 46 && isDigit(next) && !afterName(prevTag))) {
      j = numberEnd(sql, i)
      tag = T_NUMBER
      value = true
      if (mysql && j < n && isPart(u[j]!) && !isDigit(u[j]!)) {
        while (j < n && isPart(u[j]!)) j++
        tag = T_WORD
        value = false
      } else if (j - i > 3) literal = true
    } else if (c === 96 || (c === 34 && !mysql)) {
      // A quoted name, folded as it is read: its characters and its length.
      a = Math.imul(a ^ ((T_QUOTED << 1) | (space ? 1 : 0)), P_A)
      b = (b + a) | 0
      for (;;) {
        if (j >= n) {
          tag = T_BROKEN
          literal = true
          break
        }
        const d = u[j]!
        if (d === c && u[++j] !== c) {
          tag = T_QUOTED
          folded = true
          break
        }
        a = Math.imul(a ^ d, P_A)
        b = (b + a) | 0
        j++
      }
      a = Math.imul(a ^ (j - i), P_A)
      b = (b + a) | 0
    } else if (c === 39 || c === 34) {
      const end = quotedEnd(sql, j, c, mysql)
      if (end < 0) {
        tag = T_BROKEN
        literal = true
      } else if (c === 39) {
        tag = T_STRING
        literal = true
        value = true
      } else {
        tag = T_DOUBLE_QUOTED // a string or, where only a table can stand, a name: its content counts
        literal = true
      }
      j = end < 0 ? n : end
    } else if (c === 36) {
      if (isDigit(next)) {
        while (j < n && isDigit(u[j]!)) j++
        tag = T_PARAM
        value = true
      } else {
        const end = dollarQuoteEnd(sql, i)
        if (end === -2) tag = T_OPERATOR
        else {
          tag = end < 0 ? T_BROKEN : T_STRING
          literal = true
          value = end >= 0
          j = end < 0 ? n : end
        }
      }
    } else if (c === 63) {
      if (!mysql && (next === 124 || next === 38)) {
        j++
        tag = T_OPERATOR
      } else {
        tag = T_PARAM
        value = true
      }
    } else if (c === 58) {
      if (next === 58 || next === 61) {
        j++
        tag = T_OPERATOR
      } else if (isWordStart(next)) {
        while (j < n && isPart(u[j]!)) j++
        tag = T_PARAM
        value = true
      } else tag = T_OPERATOR
    } else if (cls & OP) {
      j = operatorEnd(sql, j, mysql)
      tag = T_OPERATOR
    }

    // Punctuation: `(` opens a group, `)` folds it into its parent as one unit, `;` ends a
    // statement, `,` may be held back (see the flags). Past MAX_DEPTH, parentheses fold as
    // plain tokens: `over` counts them with operations every `(` and `)` runs, so the
    // first text that deep runs no code V8 has no feedback for (it would drop sqlShape's
    // optimised code there, mid-text). Other tokens skip all of it.
    // What prevTag becomes if the token goes on below (set by constant stores only: a
    // comparison there would first run on a text deep or odd enough to reach it).
    let punctTag = T_PUNCT
    if (punct) {
      if (c === 40) {
        const deep = depth >= MAX_DEPTH || over > 0
        over += deep ? 1 : 0
        if (!deep) {
          const inRun = (state & HELD_COMMA) !== 0
          const run = inRun ? (state & RUN) !== 0 : afterValues || prevTag === -1
          state = (state & ~(ONLY_VALUES | WANT_VALUE | RUN)) | (run ? RUN : 0)
          groupA[depth] = a
          groupB[depth] = b
          flags[depth] = state
          depth++
          a = SEED_A
          b = SEED_B
          state = ONLY_VALUES | WANT_VALUE | (inRun ? IN_RUN : 0) | (space ? SPACE_BEFORE : 0)
          firstValueEnd[depth] = -1
          lastValueEnd[depth] = -1
          prevTag = -1
          space = false
          i = j
          continue
        }
      } else if (c === 41) {
        const deep = over > 0
        over -= deep ? 1 : 0
        if (!deep && depth > 0) {
          if (state & HELD_COMMA) {
            a = Math.imul(a ^ ((T_COMMA << 1) | (state & HELD_COMMA_SPACE ? 1 : 0)), P_A)
            b = (b + a) | 0
          }
          const valuesOnly = (state & (ONLY_VALUES | WANT_VALUE)) === ONLY_VALUES
          if (valuesOnly && firstValueEnd[depth]! >= 0 && lastValueEnd[depth]! > firstValueEnd[depth]! && !noDrop) {
            drop(firstValueEnd[depth]!, lastValueEnd[depth]!)
          }
          const ga = valuesOnly ? VALUES_A : a
          const gb = valuesOnly ? VALUES_B : b
          const child = state
          depth--
          a = groupA[depth]!
          b = groupB[depth]!
          state = flags[depth]!
          const repeat =
            (child & IN_RUN) !== 0 &&
            (state & RUN) !== 0 &&
            (state & HAS_LAST) !== 0 &&
            lastA[depth] === ga &&
            lastB[depth] === gb &&
            !noDrop
          if (repeat) {
            drop(groupEnd[depth]!, j)
            state = (state & ~(HELD_COMMA | HELD_COMMA_SPACE)) | AFTER_GROUP
          } else {
            if (state & HELD_COMMA) {
              a = Math.imul(a ^ ((T_COMMA << 1) | (state & HELD_COMMA_SPACE ? 1 : 0)), P_A)
              b = (b + a) | 0
            }
            a = Math.imul(Math.imul(a ^ ((T_GROUP << 1) | (child & SPACE_BEFORE ? 1 : 0)), P_A) ^ ga, P_A)
            b = (Math.imul(b, P_B) + gb + a) | 0
            lastA[depth] = ga
            lastB[depth] = gb
            state = (state & ~(HELD_COMMA | HELD_COMMA_SPACE)) | AFTER_GROUP | HAS_LAST
          }
          groupEnd[depth] = j
          prevTag = T_GROUP
          space = false
          i = j
          continue
        }
        punctTag = T_GROUP
      } else if (c === 59) {
        if (depth === 0) {
          if (state & HELD_COMMA) {
            a = Math.imul(a ^ ((T_COMMA << 1) | (state & HELD_COMMA_SPACE ? 1 : 0)), P_A)
            b = (b + a) | 0
          }
          statementEnd(a, b, prevTag === T_SEMI, i, noDrop)
          a = SEED_A
          b = SEED_B
          state = ONLY_VALUES | WANT_VALUE
          prevTag = T_SEMI
          space = false
          i = j
          continue
        }
        // Inside parentheses: the statement splits here too, so no range may be dropped
        // from here on (it could hold a `;`).
        noDrop = true
        statements[S_SEGMENTS] += prevTag === T_SEMI ? 0 : 1
        punctTag = T_SEMI
      } else if (c === 44) {
        if (state & HELD_COMMA) {
          a = Math.imul(a ^ ((T_COMMA << 1) | (state & HELD_COMMA_SPACE ? 1 : 0)), P_A)
          b = (b + a) | 0
          state &= ~(HELD_COMMA | HELD_COMMA_SPACE)
        }
        if (state & WANT_VALUE) state &= ~ONLY_VALUES
        if (state & AFTER_GROUP) {
          state = (state & ~AFTER_GROUP) | HELD_COMMA | (space ? HELD_COMMA_SPACE : 0)
        } else {
          a = Math.imul(a ^ ((T_COMMA << 1) | (space ? 1 : 0)), P_A)
          b = (b + a) | 0
        }
        state |= WANT_VALUE
        prevTag = T_COMMA
        space = false
        i = j
        continue
      }
    }
    if (state & HELD_COMMA) {
      a = Math.imul(a ^ ((T_COMMA << 1) | (state & HELD_COMMA_SPACE ? 1 : 0)), P_A)
      b = (b + a) | 0
    }
    if (value) {
      if (state & WANT_VALUE) {
        if (firstValueEnd[depth] === -1) firstValueEnd[depth] = j
      } else state &= ~ONLY_VALUES
      lastValueEnd[depth] = j
    } else state &= ~ONLY_VALUES
    state &= ~(WANT_VALUE | AFTER_GROUP | HELD_COMMA | HELD_COMMA_SPACE)
    if (!folded) {
      a = Math.imul(a ^ ((tag << 1) | (space ? 1 : 0)), P_A)
      b = (b + a) | 0
      if (tag === T_PUNCT || tag === T_OPERATOR || tag === T_WORD || tag === T_QUOTED || tag === T_DOUBLE_QUOTED) {
        // Characters as written (and the length), so the token's text is part of the digest.
        for (let k = i; k < j; k++) {
          a = Math.imul(a ^ u[k]!, P_A)
          b = (b + a) | 0
        }
        a = Math.imul(a ^ (j - i), P_A)
        b = (b + a) | 0
      }
    }
    // A `)` reaches here only past MAX_DEPTH or unmatched, a `;` only inside parentheses.
    prevTag = punct ? punctTag : tag
    space = false
    i = j
  }
  // Groups left open fold as they stand.
  while (depth > 0) {
    if (state & HELD_COMMA) {
      a = Math.imul(a ^ ((T_COMMA << 1) | (state & HELD_COMMA_SPACE ? 1 : 0)), P_A)
      b = (b + a) | 0
    }
    const ga = a
    const gb = b
    const child = state
    depth--
    a = groupA[depth]!
    b = groupB[depth]!
    state = flags[depth]!
    if (state & HELD_COMMA) {
      a = Math.imul(a ^ ((T_COMMA << 1) | (state & HELD_COMMA_SPACE ? 1 : 0)), P_A)
      b = (b + a) | 0
    }
    a = Math.imul(Math.imul(a ^ ((T_OPEN_GROUP << 1) | (child & SPACE_BEFORE ? 1 : 0)), P_A) ^ ga, P_A)
    b = (Math.imul(b, P_B) + gb + a) | 0
    state &= ~(HELD_COMMA | HELD_COMMA_SPACE)
  }
  if (state & HELD_COMMA) {
    a = Math.imul(a ^ ((T_COMMA << 1) | (state & HELD_COMMA_SPACE ? 1 : 0)), P_A)
    b = (b + a) | 0
  }
  // The last statement, as at a `;`.
  statementEnd(a, b, prevTag === T_SEMI, n, noDrop)
  shapeInfo.statements = statements[S_SEGMENTS]!
  shapeInfo.literal = literal
  return (statements[S_TA]! >>> 0) * 0x20_0000 + (statements[S_TB]! >>> 11)
}

// The statements of the text sqlShape() reads, between it and statementEnd(): the text's
// digest so far (TA, TB: each statement folds in as a unit), how many non-empty statements
// ended outside parentheses were kept (KEPT), the digest of the last of them (A, B) and
// where it ended (END), and how many non-empty statements the text left has (SEGMENTS:
// it splits at every `;`).
const statements = new Int32Array(8)
const S_TA = 0
const S_TB = 1
const S_KEPT = 2
const S_A = 3
const S_B = 4
const S_END = 5
const S_SEGMENTS = 6

/**
 * Ends the statement whose digest is `a`, `b` (`empty`: it has no token) at `at`, a `;`
 * outside parentheses or the end of the text: folds it into the text's digest, or drops
 * it when it is the one before it again. One function for both places, so a text of
 * thousands of repeats meets code V8 has feedback for if a short text ever repeated a
 * statement at either.
 */
function statementEnd(a: number, b: number, empty: boolean, at: number, noDrop: boolean): void {
  const s = statements
  const same = ((a ^ s[S_A]!) | (b ^ s[S_B]!)) === 0
  if (!empty && s[S_KEPT]! > 0 && same && !noDrop) {
    // Dropped from the end of the one before it.
    drop(s[S_END]!, at)
    repeat(s[S_KEPT]! - 1)
    const ta = Math.imul(s[S_TA]! ^ T_REPEAT, P_A)
    s[S_TA] = ta
    s[S_TB] = (s[S_TB]! + ta) | 0
  } else {
    const ta = Math.imul(Math.imul(s[S_TA]! ^ (T_STATEMENT << 1), P_A) ^ a, P_A)
    s[S_TA] = ta
    s[S_TB] = (Math.imul(s[S_TB]!, P_B) + b + ta) | 0
    if (!empty) {
      s[S_KEPT]!++
      s[S_SEGMENTS]!++
      s[S_A] = a
      s[S_B] = b
    }
  }
  s[S_END] = at
}

/** Counts one more time the kept statement `index` stands (see {@link shapeInfo}'s `repeats`). */
function repeat(index: number): void {
  // The same operations whether it counts a statement again, adds one or grows (see
  // grown.ts): a text of thousands of repeats is then met by code V8 compiled on short
  // texts of one.
  const n = shapeInfo.repeatsLength
  const r = grownI32(shapeInfo.repeats, roomFor(shapeInfo.repeats.length, n + 2))
  shapeInfo.repeats = r
  const back = n - 2
  const some = n > 0
  const again = r[Math.max(0, back)] === index && some
  const at = again ? back : n
  const count = r[at + 1]!
  r[at] = index
  r[at + 1] = (again ? count : 0) + 1
  shapeInfo.repeatsLength = at + 2
}

/** `.5` is a number unless a name precedes it (`t.5col` in mysql). */
function afterName(prevTag: number): boolean {
  return prevTag === T_WORD || prevTag === T_QUOTED || prevTag === T_GROUP
}

/** `sql[i, j)` is VALUES or VALUE, in any case. */
function isValuesWord(u: Uint16Array, i: number, j: number): boolean {
  const length = j - i
  if (length !== 5 && length !== 6) return false
  if ((u[i]! | 32) !== 118 || (u[i + 1]! | 32) !== 97 || (u[i + 2]! | 32) !== 108) return false
  if ((u[i + 3]! | 32) !== 117 || (u[i + 4]! | 32) !== 101) return false
  return length === 5 || (u[i + 5]! | 32) === 115
}

/**
 * `sql` without the ranges the last {@link sqlShape} call dropped: the same verbs,
 * tables and fingerprints, from a text that can be much shorter.
 */
export function reducedText(sql: string): string {
  const d = shapeInfo.dropped
  const n = shapeInfo.droppedLength
  if (n === 0) return sql
  const parts: string[] = []
  let from = 0
  for (let k = 0; k < n; k += 2) {
    parts.push(sql.slice(from, d[k]))
    from = d[k + 1]!
  }
  parts.push(sql.slice(from))
  return parts.join('')
}
