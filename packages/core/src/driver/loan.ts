/** What {@link PoolRelay.borrow} says of the statement a connection sends now. */
export const Loan = Object.freeze({
  /** Not sent by a pool's own callback: it begins now, in the current context. */
  None: 0,
  /** Sent by a callback-form shortcut's checkout: in its scope (the current context), from the end of the wait. */
  Scoped: 1,
  /** Sent by a promise-form shortcut's checkout: in its caller's context ({@link PoolRelay.context}), from the end of the wait; no scope. */
  Direct: 2,
})
