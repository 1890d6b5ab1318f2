/**
 * How the profile scripts name a V8 call frame (a CPU or heap profile node's `callFrame`):
 * `name path:line`, the path from `packages/` or `node_modules/` on, so the same function
 * adds up under one name and querycost's own (`core/dist/`, `pg/dist/` …) can be told apart.
 */
export function frameName(f) {
  return `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\/(packages|node_modules)\//, '')}:${f.lineNumber + 1}`
}
