import type { OperationTarget } from '../accounting/target.js'
import { state } from '../context/store.js'

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as PromiseLike<unknown>).then === 'function'
  )
}

/**
 * Runs `fn` (and waits for what it returns) and marks every statement shape it ran as
 * a known loop in the current cost context: those shapes still count and are still
 * listed in `repeated` (with `allowed: true`), but they break no `maxRepeated` limit
 * and fail no strict mode. Outside a context it just runs `fn`. Returns `fn`'s result.
 *
 * The shapes are told apart by what ran while `fn` was pending: a statement that the
 * same request runs concurrently, outside `fn`, in that time is allowed too.
 *
 * @example
 * const rows = await allowRepeats(() => Promise.all(ids.map((id) => loadUser(id)))) // known N+1, ticket #123
 */
export function allowRepeats<T>(fn: () => T): T {
  const context = state.als.getStore()
  if (context === undefined) return fn()
  const before = new Map<OperationTarget, number>()
  for (const [target, slot] of context.slots) before.set(target, slot.count)
  const mark = (): void => {
    for (const [target, slot] of context.slots) {
      if (target.fingerprint === undefined || slot.count === (before.get(target) ?? 0)) continue
      context.allowedRepeats ??= new Set()
      context.allowedRepeats.add(target.fingerprint)
    }
  }
  let result: T
  try {
    result = fn()
  } catch (error) {
    mark()
    throw error
  }
  if (!isThenable(result)) {
    mark()
    return result
  }
  return Promise.resolve(result).then(
    (value) => {
      mark()
      return value
    },
    (error: unknown) => {
      mark()
      throw error
    },
  ) as T
}
