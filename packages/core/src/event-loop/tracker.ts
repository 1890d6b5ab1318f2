import { type AsyncLocalStorage, type AsyncResource, executionAsyncResource } from 'node:async_hooks'
import { performance } from 'node:perf_hooks'
import type { CostContext } from '../context/cost-context.js'
import { SyncTally } from './tally.js'
import type { SyncFields } from './types.js'

/** No callback is running: the loop is idle or in Node's own code. */
const IDLE = Symbol('querycost.idle')
/** Set on querycost's own AsyncResources: the context that made them (see {@link LoopTracker.tag}). */
const OWNER = Symbol.for('querycost.eventLoop.owner')

/** Who runs: a context, `undefined` (code with no context) or {@link IDLE}. */
type Owner = CostContext | undefined | typeof IDLE

/**
 * Follows who runs on the loop. Each time the running context changes (a callback
 * starts or ends, `als.run` enters or leaves a context) the stretch that just ended is
 * charged to the context that ran it; a long stretch also counts as delay for every
 * other open context. A stretch is the time one owner ran without a switch: one
 * callback, or the part of it that ran inside a context.
 */
export class LoopTracker {
  /** Open scopes: the async id (or -1 for `als.run`) and the owner in force before each. */
  private readonly ids: number[] = []
  private readonly saved: Owner[] = []
  private owner: Owner = IDLE
  private since = 0
  /** Open contexts seen running, with their figures. */
  readonly tallies = new Map<CostContext, SyncTally>()
  /** Stretches that ran with no context. */
  readonly unattributed = new SyncTally(0)

  constructor(
    private readonly als: AsyncLocalStorage<CostContext>,
    readonly longSyncMs: number,
  ) {}

  /** A callback begins (async_hooks `before`). */
  before(asyncId: number): void {
    // On Node 24 a JS AsyncResource's `before` runs before its context is restored:
    // querycost's own resources carry their context instead.
    const resource = executionAsyncResource() as Record<symbol, CostContext | undefined>
    const tagged = resource[OWNER]
    this.open(asyncId, tagged !== undefined ? tagged : this.als.getStore())
  }

  /** Enters `owner` (a callback or `als.run`), remembering who ran before. */
  open(id: number, owner: CostContext | undefined): void {
    this.ids.push(id)
    this.saved.push(this.owner)
    if (owner !== this.owner) this.switchTo(owner, performance.now())
  }

  /** Leaves scope `id` and everything opened inside it (async_hooks `after`, `als.run`'s end). */
  close(id: number): void {
    const i = this.ids.lastIndexOf(id)
    if (i < 0) return
    const back = this.saved[i]
    this.ids.length = i
    this.saved.length = i
    if (back !== this.owner) this.switchTo(back, performance.now())
  }

  /** Marks one of querycost's own resources with the context that made it. */
  tag(resource: AsyncResource): void {
    ;(resource as unknown as Record<symbol, CostContext | undefined>)[OWNER] = this.als.getStore()
  }

  private switchTo(next: Owner, now: number): void {
    const last = this.owner
    if (last !== IDLE) this.endStretch(last, now - this.since, now)
    this.owner = next
    this.since = now
    if (next !== undefined && next !== IDLE && next.report === undefined && !this.tallies.has(next)) {
      this.tallies.set(next, new SyncTally(now))
    }
  }

  private endStretch(owner: CostContext | undefined, ms: number, now: number): void {
    const tally = owner === undefined ? this.unattributed : this.tallies.get(owner)
    tally?.addStretch(ms, this.longSyncMs)
    if (ms < this.longSyncMs) return
    const start = now - ms
    for (const [context, other] of this.tallies) {
      if (context !== owner) other.loopDelayMs += now - Math.max(start, other.since)
    }
  }

  /** The figures of `context` at `now`, its running stretch included; undefined if never seen. */
  fields(context: CostContext, now: number): SyncFields | undefined {
    const tally = this.tallies.get(context)
    if (tally === undefined) return undefined
    return tally.fields(this.owner === context ? now - this.since : 0, this.longSyncMs)
  }

  /** Forgets a finished context. */
  forget(context: CostContext): void {
    this.tallies.delete(context)
  }

  /** The figures of code that ran with no context, a running stretch included. */
  unattributedFields(now: number): SyncFields {
    return this.unattributed.fields(this.owner === undefined ? now - this.since : 0, this.longSyncMs)
  }
}
