/**
 * Registers the querycost matchers; list it in vitest's `setupFiles`.
 *
 * @example
 * // vitest.config.ts
 * export default defineConfig({ test: { setupFiles: ['@querycost/vitest/setup'] } })
 */
import { expect } from 'vitest'
import { querycostMatchers } from './matchers.js'

expect.extend(querycostMatchers)

export type { QuerycostMatchers } from './assertion.js'
