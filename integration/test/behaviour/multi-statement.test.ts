import { measureCost } from '@querycost/core'
import { expect, it } from 'vitest'
import { exactFigures } from '../../src/expect-report.js'
import { overDrivers } from './subjects.js'

// Behaviour: one call that carries several statements (a multi-statement SQL text) or
// commands (a Redis MULTI … EXEC) counts each of them, each with its own rows.
//
// Not MongoDB: none of its calls carries several commands in one request to the server
// (a bulkWrite or a transaction sends one command per operation, each counted on its
// own: integration/test/mongodb/writes.test.ts).

overDrivers(
  'multi',
  (subject) => {
    it('counts each statement of one call, each with its own rows', async () => {
      const s = subject()
      const many = s.many as () => Promise<unknown>
      const { report } = await measureCost(() => many())
      const { count, rows, tables } = s.manyFigures as NonNullable<typeof s.manyFigures>
      expect(exactFigures(report)).toEqual({ count, rows, affected: 0, errors: 0, tables })
    })
  },
  ['pg', 'mysql2', 'ioredis'],
)
