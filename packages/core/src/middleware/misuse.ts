import { state } from '../context/store.js'

/** The code of the error reported when a middleware is given to the wrong framework. */
export const WRONG_FRAMEWORK = 'QUERYCOST_WRONG_FRAMEWORK'

/**
 * Reports, once per process and middleware, that it was mounted in a framework it is
 * not for, as a process warning whose message names the middleware to use. The
 * request itself goes on uncounted: a mistake in wiring querycost never turns into a
 * 500 for the app's users.
 */
export function reportWrongFramework(middleware: string, message: string): void {
  const key = `wrong-framework:${middleware}`
  if (state.reportedErrors.has(key)) return
  state.reportedErrors.add(key)
  const error = Object.assign(new Error(`querycost: ${message}`), { name: 'QuerycostError', code: WRONG_FRAMEWORK })
  process.emitWarning(error)
}
