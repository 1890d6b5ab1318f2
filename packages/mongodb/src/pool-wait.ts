import { activeContext, type CostContext } from './core.js'

// Checkouts each context has begun and not yet seen a command start for.
const open = new WeakMap<CostContext, number>()

/**
 * `connectionCheckOutStarted`: the caller's context starts waiting for a pooled
 * connection (the driver emits it synchronously in the caller's frame).
 */
export function beginPoolWait(now: number): void {
  const context = activeContext()
  if (context === undefined) return
  context.beginPoolWait(now)
  open.set(context, (open.get(context) ?? 0) + 1)
}

/**
 * The wait ends when the context's next command starts on the connection it got
 * (`connectionCheckedOut` is emitted from whichever request handed the connection
 * back, so it cannot say whose wait ended), or when the checkout failed.
 */
export function endPoolWait(context: CostContext, now: number): void {
  const waits = open.get(context)
  if (waits === undefined) return
  if (waits <= 1) open.delete(context)
  else open.set(context, waits - 1)
  context.endPoolWait(now)
}

/** `connectionCheckOutFailed` in the caller's frame (a wait-queue timeout). */
export function failPoolWait(now: number): void {
  const context = activeContext()
  if (context !== undefined) endPoolWait(context, now)
}
