/**
 * The API the driver packages build on (`@querycost/core/driver`). Applications use
 * the root entry point; this one is for instrumenting a new driver.
 */

export { activeContext, beginOperation, beginOperationIn, Operation } from './accounting/operation.js'
export type { OperationTarget } from './accounting/target.js'
export { makeTarget, NO_TABLE, OTHER, UNKNOWN_TABLE } from './accounting/target.js'
export { bindCallback, callbackBinding, callbackScope, setCallbackBinding } from './context/bind.js'
export type { CostContext } from './context/cost-context.js'
export { callHook, reportInternalError } from './driver/guard.js'
export { isInstrumented, markInstrumented } from './driver/instrumented.js'
export { sqlTargets } from './driver/sql-targets.js'
export type { ResultReader } from './driver/statements.js'
export { endStatements, endWithAll, failStatements } from './driver/statements.js'
export { type WaiterHandler, waiterCallback } from './driver/waiter.js'
