import { Registry } from 'prom-client'
import { describe, expect, it } from 'vitest'
import { beginOperation, makeTarget } from '../../src/driver.js'
import { resetLostContext } from '../../src/index.js'
import { prometheusSink } from '../../src/prometheus.js'
import { sampleReport, table } from './sample-report.js'

/** The scrape's sample lines of one metric family (no HELP/TYPE lines). */
async function scrape(registry: Registry, name: string): Promise<string[]> {
  const text = await registry.metrics()
  return text.split('\n').filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
}

describe('prometheusSink', () => {
  it('counts per route, system and table, with (other) past the limits', async () => {
    const registry = new Registry()
    const sink = prometheusSink({ registry, maxRoutes: 2, maxTables: 2 })
    sink(sampleReport('GET /a', [table('pg', 'users', 3, 6, 3)]))
    sink(sampleReport('GET /a', [table('pg', 'users', 1, 2, 1), table('redis', 'session', 2, 1, 2, 1)]))
    sink(sampleReport('GET /b', [table('pg', 'orders', 5, 10, 50)]))
    sink(sampleReport('GET /c', [table('pg', 'users', 1, 1, 1)]))
    expect(await scrape(registry, 'querycost_operations_total')).toEqual([
      'querycost_operations_total{route="GET /a",system="pg",table="users"} 4',
      'querycost_operations_total{route="GET /a",system="redis",table="session"} 2',
      'querycost_operations_total{route="GET /b",system="pg",table="(other)"} 5',
      'querycost_operations_total{route="(other)",system="pg",table="users"} 1',
    ])
    expect(await scrape(registry, 'querycost_affected_total')).toContain(
      'querycost_affected_total{route="GET /a",system="redis",table="session"} 1',
    )
    expect(await scrape(registry, 'querycost_operation_seconds_total')).toEqual([
      'querycost_operation_seconds_total{route="GET /a",system="pg",table="users"} 0.008',
      'querycost_operation_seconds_total{route="GET /a",system="redis",table="session"} 0.001',
      'querycost_operation_seconds_total{route="GET /b",system="pg",table="(other)"} 0.01',
      'querycost_operation_seconds_total{route="(other)",system="pg",table="users"} 0.001',
    ])
    expect(await scrape(registry, 'querycost_reports_total')).toEqual([
      'querycost_reports_total{route="GET /a"} 2',
      'querycost_reports_total{route="GET /b"} 1',
      'querycost_reports_total{route="(other)"} 1',
    ])
  })

  it('keeps per-request histograms by route and system', async () => {
    const registry = new Registry()
    const sink = prometheusSink({ registry })
    sink(sampleReport('GET /a', [table('pg', 'users', 3, 6, 3), table('pg', 'orders', 30, 60, 30)]))
    sink(sampleReport('GET /a', [table('pg', 'users', 1, 2, 1)]))
    const lines = await scrape(registry, 'querycost_request_operations_bucket')
    expect(lines.filter((l) => /le="(1|2|5|50|\+Inf)"/.test(l))).toEqual([
      'querycost_request_operations_bucket{le="1",route="GET /a",system="pg"} 1',
      'querycost_request_operations_bucket{le="2",route="GET /a",system="pg"} 1',
      'querycost_request_operations_bucket{le="5",route="GET /a",system="pg"} 1',
      'querycost_request_operations_bucket{le="50",route="GET /a",system="pg"} 2',
      'querycost_request_operations_bucket{le="+Inf",route="GET /a",system="pg"} 2',
    ])
    expect(await scrape(registry, 'querycost_request_operations_sum')).toEqual([
      'querycost_request_operations_sum{route="GET /a",system="pg"} 34',
    ])
    expect(await scrape(registry, 'querycost_request_rows_count')).toEqual(['querycost_request_rows_count{route="GET /a",system="pg"} 2'])
  })

  it('exports the lost-context counter at each scrape, and the event-loop figures when on', async () => {
    const registry = new Registry()
    const sink = prometheusSink({ registry })
    resetLostContext()
    const orders = makeTarget('pg', 'SELECT', ['orders'], 'select * from orders')
    for (let i = 0; i < 3; i++) beginOperation(orders).end(1, 0) // no context: lost
    expect(await scrape(registry, 'querycost_lost_operations_total')).toEqual([
      'querycost_lost_operations_total{system="pg",table="orders"} 3',
    ])
    beginOperation(orders).end(1, 0)
    expect(await scrape(registry, 'querycost_lost_operations_total')).toEqual([
      'querycost_lost_operations_total{system="pg",table="orders"} 4',
    ])
    sink(sampleReport('GET /block', [], { syncMs: 250, longestSyncMs: 200, longSyncCount: 1, loopDelayMs: 5 }))
    expect(await scrape(registry, 'querycost_sync_seconds_total')).toEqual(['querycost_sync_seconds_total{route="GET /block"} 0.25'])
    expect(await scrape(registry, 'querycost_loop_delay_seconds_total')).toEqual([
      'querycost_loop_delay_seconds_total{route="GET /block"} 0.005',
    ])
    resetLostContext()
  })

  it('shares one set of metrics between two sinks on the same registry', async () => {
    const registry = new Registry()
    prometheusSink({ registry })(sampleReport('GET /a', [table('pg', 'users', 1, 1, 1)]))
    prometheusSink({ registry })(sampleReport('GET /a', [table('pg', 'users', 2, 1, 1)]))
    expect(await scrape(registry, 'querycost_operations_total')).toEqual([
      'querycost_operations_total{route="GET /a",system="pg",table="users"} 3',
    ])
  })
})
