import { describe, expect, inject, it } from 'vitest'

// Outside CI a system with no server only skips its suites (global-setup.ts prints how
// to enable them). Under CI every system must be reachable: this test fails, naming
// each missing one and what to set.
describe('the database servers of this run', () => {
  it.runIf(Boolean(process.env.CI))('are all reachable under CI', () => {
    expect(inject('missingServers'), 'no server for these systems; under CI every system must be reachable').toEqual([])
  })
})
