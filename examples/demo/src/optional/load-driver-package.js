/**
 * Imports an optional querycost driver package, or says why it could not: the
 * demo's MySQL and Redis routes join in only when their package is built.
 *
 * @returns {Promise<{ module?: object, missing?: string }>}
 */
export async function loadDriverPackage(name) {
  try {
    return { module: await import(name) }
  } catch (error) {
    if (error?.code === 'ERR_MODULE_NOT_FOUND' || error?.code === 'ERR_PACKAGE_PATH_NOT_EXPORTED') {
      return { missing: `${name} is not built (npm run build)` }
    }
    throw error
  }
}
