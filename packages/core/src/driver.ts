/**
 * The API the driver packages build on (`@querycost/core/driver`). Applications use
 * the root entry point; this one is for instrumenting a new driver.
 */

export { bindCallback, callbackBinding, callbackScope, setCallbackBinding } from './bind.js'
export type { CostContext } from './cost-context.js'
export { callHook, reportInternalError } from './guard.js'
export { isInstrumented, markInstrumented } from './instrumented.js'
export { activeContext, beginOperation, beginOperationIn, Operation } from './operation.js'
export { sqlTargets } from './sql-targets.js'
export type { ResultReader } from './statements.js'
export { endStatements, endWithAll, failStatements } from './statements.js'
export type { OperationTarget } from './target.js'
export { makeTarget, NO_TABLE, OTHER, UNKNOWN_TABLE } from './target.js'
export { type WaiterHandler, waiterCallback } from './waiter.js'
