/** Stable codes of {@link BluebirdContextError}, for code that matches on them. */
export type BluebirdContextErrorCode =
  | 'QC_BLUEBIRD_NOT_FOUND'
  | 'QC_BLUEBIRD_NOT_BLUEBIRD'
  | 'QC_BLUEBIRD_TOO_OLD'
  | 'QC_BLUEBIRD_NOT_CONFIGURABLE'
  | 'QC_BLUEBIRD_SECOND_COPY'
  | 'QC_BLUEBIRD_CONTEXT_LOST'

/**
 * Bluebird cannot carry a request's cost context: the message says why and names the
 * fix; `code` is stable.
 */
export class BluebirdContextError extends Error {
  readonly code: BluebirdContextErrorCode

  constructor(code: BluebirdContextErrorCode, message: string, options?: { cause?: unknown }) {
    super(`@querycost/bluebird: ${message}`, options)
    this.name = 'BluebirdContextError'
    this.code = code
  }
}
