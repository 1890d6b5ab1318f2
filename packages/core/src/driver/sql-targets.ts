import { makeTarget, type OperationTarget } from '../accounting/target.js'
import { sqlEntry } from '../sql/cache.js'
import { Lru } from '../sql/lru.js'
import type { SqlDialect, SqlStatement } from '../sql/types.js'

// Targets of the same shape share one object whatever their text: a context keeps one
// slot per verb, tables and fingerprint.
const byShape = new Lru<string, OperationTarget>(4000)

function shared(system: string, statement: SqlStatement): OperationTarget {
  const { verb, tables, fingerprint } = statement
  const key = `${system}\u0000${verb}\u0000${tables.join('\u0001')}\u0000${fingerprint}`
  let target = byShape.get(key)
  if (target === undefined) {
    target = makeTarget(system, verb, tables, fingerprint)
    byShape.set(key, target)
  }
  return target
}

/**
 * The operation targets of a SQL text, one per statement it holds, from the one SQL
 * cache (see `analyzeSql`): texts that differ only in literal values share the same
 * array. `system` names the report system (`pg`, `mysql`); `dialect` picks the lexer
 * rules. Never throws; a value that is not a string is one `(unknown)` operation.
 *
 * @example
 * const [target] = sqlTargets('SELECT * FROM users WHERE id = $1', 'pg', 'pg')
 */
export function sqlTargets(text: string, system: string, dialect: SqlDialect): readonly OperationTarget[] {
  const entry = sqlEntry(typeof text === 'string' ? text : '', dialect === 'mysql')
  if (entry.system === system) return entry.targets as readonly OperationTarget[]
  // A text of many equal statements holds the same statement object again and again.
  let last: SqlStatement | undefined
  let lastTarget: OperationTarget | undefined
  const targets = Object.freeze(
    entry.statements.map((s) => {
      if (s !== last) {
        last = s
        lastTarget = shared(system, s)
      }
      return lastTarget as OperationTarget
    }),
  )
  entry.system = system
  entry.targets = targets
  return targets
}
