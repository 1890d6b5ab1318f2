export { type EnableOptions, enable } from './enable.js'
export { BluebirdContextError, type BluebirdContextErrorCode } from './errors.js'
export type { BluebirdLike } from './types.js'
export { verify } from './verify.js'
