import { defineConfig } from 'vitest/config'

// One project per package; `npm test` runs them all (after `npm run build`, since the
// integration suite and the demo load each package's built output, as users do).
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'core', root: 'packages/core', include: ['test/**/*.test.ts'] } },
      { test: { name: 'pg', root: 'packages/pg', include: ['test/**/*.test.ts'] } },
      { test: { name: 'mysql2', root: 'packages/mysql2', include: ['test/**/*.test.ts'] } },
      { test: { name: 'ioredis', root: 'packages/ioredis', include: ['test/**/*.test.ts'] } },
      { test: { name: 'bluebird', root: 'packages/bluebird', include: ['test/**/*.test.ts'] } },
      { test: { name: 'vitest', root: 'packages/vitest', include: ['test/**/*.test.ts'], testTimeout: 60_000 } },
      { test: { name: 'cli', root: 'packages/cli', include: ['test/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 60_000 } },
      { test: { name: 'mongodb', root: 'packages/mongodb', include: ['test/**/*.test.ts'] } },
      {
        test: {
          name: 'integration',
          root: 'integration',
          include: ['test/**/*.test.ts'],
          globalSetup: ['src/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
      { test: { name: 'demo', root: 'examples/demo', include: ['test/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000 } },
    ],
  },
})
