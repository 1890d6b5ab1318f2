import { createRequire } from 'node:module'
import { otelOff, setupOtel } from './otel.js'

const require = createRequire(import.meta.url)

/**
 * Loads the drivers after OpenTelemetry's require hooks are in place, so the same
 * module can be toggled between instrumented and raw in one process.
 */
export function loadDrivers(names) {
  setupOtel(names)
  const modules = {}
  for (const name of names) modules[name] = require(name)
  otelOff()
  return modules
}

/** The installed version of a package, or `undefined`. */
export function versionOf(name) {
  try {
    return require(`${name}/package.json`).version
  } catch {
    return undefined
  }
}

/**
 * The `instrument` of a querycost driver package, or a note saying why it was skipped
 * (not built yet, or failing to load).
 */
export async function loadQuerycost(pkg) {
  try {
    const mod = await import(pkg)
    if (typeof mod.instrument !== 'function') return { note: `${pkg} has no instrument() export yet` }
    return { instrument: mod.instrument }
  } catch (error) {
    return { note: `${pkg} is not built or failed to load (${error.code ?? error.message}); run \`npx turbo run build\`` }
  }
}
