import { context, metrics, trace } from '@opentelemetry/api'
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks'
import {
  AggregationTemporality,
  type HistogramMetricData,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics'
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { beginOperation, makeTarget } from '../../src/driver.js'
import { measureCost } from '../../src/index.js'
import { otelSink } from '../../src/otel.js'
import { sampleReport, table } from './sample-report.js'

const spans = new InMemorySpanExporter()
const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] })
const tracer = tracerProvider.getTracer('test')
let exporter: InMemoryMetricExporter
let reader: PeriodicExportingMetricReader
let meterProvider: MeterProvider

beforeAll(() => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable())
  trace.setGlobalTracerProvider(tracerProvider)
})
afterAll(() => {
  context.disable()
  trace.disable()
  metrics.disable()
})
beforeEach(() => {
  spans.reset()
  exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE)
  reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 })
  meterProvider = new MeterProvider({ readers: [reader] })
})

/** Histogram points of one instrument: attributes, count and sum, sorted by attributes. */
async function points(name: string): Promise<[Record<string, unknown>, number, number][]> {
  await reader.forceFlush()
  const batches = exporter.getMetrics()
  const last = batches[batches.length - 1]
  const metric = last?.scopeMetrics.flatMap((s) => s.metrics).find((m) => m.descriptor.name === name) as HistogramMetricData | undefined
  return (metric?.dataPoints ?? [])
    .map((p): [Record<string, unknown>, number, number] => [p.attributes, p.value.count, p.value.sum as number])
    .sort((a, b) => JSON.stringify(a[0]).localeCompare(JSON.stringify(b[0])))
}

describe('otelSink', () => {
  it('puts the totals and the worst tables on the active span', async () => {
    const sink = otelSink({ meter: meterProvider.getMeter('querycost'), worstTables: 2 })
    const users = makeTarget('pg', 'SELECT', ['users'], 'select * from users where id = ?')
    await tracer.startActiveSpan('GET /users/:id', async (span) => {
      await measureCost(
        async () => {
          for (let i = 0; i < 3; i++) beginOperation(users).end(2, 0)
        },
        { name: 'GET /users/:id', onReport: sink },
      )
      span.end()
    })
    const [span] = spans.getFinishedSpans()
    expect(span?.name).toBe('GET /users/:id')
    expect(span?.attributes).toMatchObject({
      'querycost.name': 'GET /users/:id',
      'querycost.count': 3,
      'querycost.rows': 6,
      'querycost.affected': 0,
      'querycost.errors': 0,
      'querycost.repeated': 0,
      'querycost.worst_tables': ['pg:users'],
      'querycost.worst_tables.count': [3],
      'querycost.worst_tables.rows': [6],
    })
  })

  it('lists the costliest tables exactly, and uses a child span when the active one has ended', () => {
    const sink = otelSink({ meter: meterProvider.getMeter('querycost'), worstTables: 2 })
    const report = sampleReport(
      'GET /feed',
      [table('pg', 'orders', 4, 12.5, 40), table('redis', 'session', 2, 0.5, 2), table('pg', 'users', 30, 30.25, 30, 1)],
      { violations: [{ limit: 'maxCount', value: 36, threshold: 25 }] },
    )
    const parent = tracer.startSpan('GET /feed')
    parent.end() // an HTTP server span ends with the response, before the report comes
    context.with(trace.setSpan(context.active(), parent), () => sink(report))
    const finished = spans.getFinishedSpans()
    expect(finished.map((s) => s.name)).toEqual(['GET /feed', 'querycost GET /feed'])
    const child = finished[1]
    expect(child?.spanContext().traceId).toBe(parent.spanContext().traceId)
    expect(child?.parentSpanContext?.spanId).toBe(parent.spanContext().spanId)
    expect(child?.attributes).toEqual({
      'querycost.name': 'GET /feed',
      'querycost.count': 36,
      'querycost.duration_ms': 43.25,
      'querycost.rows': 72,
      'querycost.affected': 1,
      'querycost.errors': 0,
      'querycost.db_wall_ms': 20,
      'querycost.pool_wait_ms': 1.5,
      'querycost.repeated': 0,
      'querycost.violations': ['maxCount'],
      'querycost.worst_tables': ['pg:users', 'pg:orders'],
      'querycost.worst_tables.count': [30, 4],
      'querycost.worst_tables.duration_ms': [30.25, 12.5],
      'querycost.worst_tables.rows': [30, 40],
    })
  })

  it('records histograms per route, and per route, system and table, with (other) past the limits', async () => {
    const sink = otelSink({ meter: meterProvider.getMeter('querycost'), maxRoutes: 2, maxTables: 2 })
    sink(sampleReport('GET /a', [table('pg', 'users', 3, 6, 3)]))
    sink(sampleReport('GET /a', [table('pg', 'users', 1, 2, 1), table('redis', 'session', 2, 1, 2)]))
    sink(sampleReport('GET /b', [table('pg', 'orders', 5, 10, 50)]))
    sink(sampleReport('GET /c', [table('pg', 'users', 1, 1, 1)]))
    expect(await points('querycost.request.operations')).toEqual([
      [{ 'querycost.route': '(other)' }, 1, 1],
      [{ 'querycost.route': 'GET /a' }, 2, 6],
      [{ 'querycost.route': 'GET /b' }, 1, 5],
    ])
    expect(await points('querycost.table.rows')).toEqual([
      [{ 'querycost.route': '(other)', 'querycost.system': 'pg', 'querycost.table': 'users' }, 1, 1],
      [{ 'querycost.route': 'GET /a', 'querycost.system': 'pg', 'querycost.table': 'users' }, 2, 4],
      [{ 'querycost.route': 'GET /a', 'querycost.system': 'redis', 'querycost.table': 'session' }, 1, 2],
      [{ 'querycost.route': 'GET /b', 'querycost.system': 'pg', 'querycost.table': '(other)' }, 1, 50],
    ])
    expect(await points('querycost.table.duration')).toEqual([
      [{ 'querycost.route': '(other)', 'querycost.system': 'pg', 'querycost.table': 'users' }, 1, 1],
      [{ 'querycost.route': 'GET /a', 'querycost.system': 'pg', 'querycost.table': 'users' }, 2, 8],
      [{ 'querycost.route': 'GET /a', 'querycost.system': 'redis', 'querycost.table': 'session' }, 1, 1],
      [{ 'querycost.route': 'GET /b', 'querycost.system': 'pg', 'querycost.table': '(other)' }, 1, 10],
    ])
  })

  it('never throws into the host: a failing meter is reported once', () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
    try {
      const broken = meterProvider.getMeter('broken')
      const sink = otelSink({
        meter: {
          ...broken,
          createHistogram: () => ({
            record: () => {
              throw new Error('exporter down')
            },
          }),
        } as never,
      })
      expect(() => {
        sink(sampleReport('GET /a', []))
        sink(sampleReport('GET /a', []))
      }).not.toThrow()
      expect(stderr.mock.calls.filter(([t]) => String(t).includes('otelSink'))).toHaveLength(1)
    } finally {
      stderr.mockRestore()
    }
  })
})
