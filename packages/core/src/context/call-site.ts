import { fileURLToPath } from 'node:url'
import { state } from './store.js'
import type { LostContextListener } from './types.js'

/**
 * The folder holding querycost's packages (`node_modules/@querycost/` once installed,
 * `packages/` in this repository): frames from a package's `dist` or `src` there are
 * querycost's own and are left out of a call site.
 */
const ROOT = new URL('../../../', import.meta.url)
const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
/** A frame in the built or source code of any querycost package, as a path or a file URL. */
const OWN = new RegExp(`(?:${escapeRegExp(fileURLToPath(ROOT))}|${escapeRegExp(ROOT.href)})[^/]+/(?:dist|src)/`)
const INTERNAL = /\(node:|at node:/
const FRAMES = 40

/** The listeners that asked for call sites (kept on the one process-wide state). */
export function callSiteListeners(): Set<LostContextListener> {
  state.lostCallSiteListeners ??= new Set()
  return state.lostCallSiteListeners
}

/**
 * The stack where an operation is starting, without querycost's frames nor Node's
 * internals: the first line is the nearest frame of the driver or the application.
 * `below` is the function whose frame and callers' querycost frames are cut.
 */
export function callSite(below: (...args: never[]) => unknown): string {
  const holder: { stack?: string } = {}
  const limit = Error.stackTraceLimit
  Error.stackTraceLimit = FRAMES
  try {
    Error.captureStackTrace(holder, below)
  } finally {
    Error.stackTraceLimit = limit
  }
  const lines = (holder.stack ?? '').split('\n').slice(1)
  return lines
    .filter((line) => !OWN.test(line) && !INTERNAL.test(line))
    .map((line) => line.trim())
    .join('\n')
}
