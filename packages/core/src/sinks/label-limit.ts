/** The label every value past a {@link LabelLimit} folds into. */
export const OTHER_LABEL = '(other)'

/**
 * Bounds a metric label's cardinality: the first `max` distinct values pass, later
 * ones become `(other)`, so a sink keeps a fixed number of series whatever the traffic.
 */
export class LabelLimit {
  private readonly seen = new Set<string>()

  constructor(readonly max: number) {
    if (!(Number.isInteger(max) && max >= 1)) {
      throw new TypeError(`querycost: a label limit must be a whole number of at least 1, got ${String(max)}`)
    }
  }

  /** `value` if it is known or there is room for it, else `(other)`. */
  of(value: string): string {
    if (this.seen.has(value)) return value
    if (this.seen.size >= this.max) return OTHER_LABEL
    this.seen.add(value)
    return value
  }
}

/** Options both metric sinks share. */
export interface MetricLimits {
  /**
   * Distinct routes (context names) with series of their own; later ones are `(other)`.
   * @default 200
   */
  maxRoutes?: number
  /**
   * Distinct `system:table` pairs with series of their own; later ones are `(other)`.
   * @default 500
   */
  maxTables?: number
}
