/**
 * The API the driver packages build on (`@querycost/core/driver`). Applications use
 * the root entry point; this one is for instrumenting a new driver.
 */
export { beginOperation, activeContext, Operation } from './operation.js'
export { bindCallback, callbackScope, setCallbackBinding } from './bind.js'
export { makeTarget, NO_TABLE, UNKNOWN_TABLE, OTHER } from './target.js'
export type { OperationTarget } from './target.js'
export { sqlTargets } from './sql-targets.js'
export { reportInternalError, callHook } from './guard.js'
export { isInstrumented, markInstrumented } from './instrumented.js'
export type { CostContext } from './cost-context.js'
