/**
 * Everything this package takes from `@querycost/core/driver`, in one place: the
 * driver API is being reshaped, and adapting to it should touch only this file.
 */
export {
  activeContext,
  beginOperationIn,
  type CostContext,
  isInstrumented,
  makeTarget,
  markInstrumented,
  type Operation,
  type OperationTarget,
  reportInternalError,
} from '@querycost/core/driver'
