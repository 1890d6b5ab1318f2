import { beginOperation, makeTarget, type Operation, sqlTargets, UNKNOWN_TABLE } from '@querycost/core/driver'

const UNKNOWN = makeTarget('mysql', 'UNKNOWN', [UNKNOWN_TABLE])

/**
 * Begins one operation per statement of `text` in the current cost context (a
 * multi-statement text is several operations). Text with no statement at all still
 * begins one, on `(unknown)`: the server answers it with an error that must count.
 */
export function beginStatements(text: string): Operation[] {
  const targets = sqlTargets(text, 'mysql', 'mysql')
  const n = targets.length
  if (n === 1) return [beginOperation(targets[0] as never)]
  if (n === 0) return [beginOperation(UNKNOWN)]
  const ops = new Array<Operation>(n)
  for (let i = 0; i < n; i++) ops[i] = beginOperation(targets[i] as never)
  return ops
}
