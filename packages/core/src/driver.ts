/**
 * The driver kit (`@querycost/core/driver`): what a driver package is written on.
 * Applications use the root entry point; this one is for instrumenting a driver.
 * docs/driver-packages.md walks through it.
 */

export { boundName, MAX_TABLE_LENGTH } from './accounting/bounds.js'
export { activeContext, beginOperation, beginOperationAt, beginOperationIn, Operation } from './accounting/operation.js'
export type { OperationTarget } from './accounting/target.js'
export { makeTarget, NO_TABLE, OTHER, UNKNOWN_TABLE } from './accounting/target.js'
export { bindCallback, callbackBinding, callbackScope, setCallbackBinding } from './context/bind.js'
export type { CostContext } from './context/cost-context.js'
export { beginSent, beginStatements, countOf, type Ops, opAt, type SqlSystem, statementTargets } from './driver/begin-statements.js'
export { CONNECTION_TABLE, connectionTarget, countingConnect, failConnection } from './driver/connection-failure.js'
export { callHook, reportInternalError, safely } from './driver/guard.js'
export { isInstrumented, markInstrumented } from './driver/instrumented.js'
export { Loan } from './driver/loan.js'
export { callWith, type Method } from './driver/method.js'
export { PoolRelay } from './driver/relay.js'
export type { ResultReader } from './driver/settle-statements.js'
export { endStatements, endWithAll, failStatements, settleStatements } from './driver/settle-statements.js'
export { sqlTargets } from './driver/sql-targets.js'
export { isWaiterCallback, type WaiterHandler, waiterCallback } from './driver/waiter.js'
