const MARK = Symbol.for('querycost.instrumented')

/** Whether `target` was already instrumented (by any copy of querycost in the process). */
export function isInstrumented(target: object): boolean {
  return (target as Record<symbol, unknown>)[MARK] === true
}

/** Marks `target` as instrumented, invisibly to enumeration and JSON. */
export function markInstrumented(target: object): void {
  Object.defineProperty(target, MARK, { value: true, enumerable: false, configurable: true })
}
