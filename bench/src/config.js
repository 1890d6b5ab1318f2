// Run-time knobs, all from the environment so the lead can shape a run without edits.
//   BENCH_QUICK=1        ~3 minute smoke run (fewer, shorter rounds; still 7 rounds)
//   BENCH_ROUNDS=15      measured rounds per shape (at least 7)
//   BENCH_ROUND_MS=200   target wall time of one variant's round
//   BENCH_INPROC_ROUNDS=41, BENCH_INPROC_ROUND_MS=100  the in-process shapes: more, shorter
//                        rounds: each paired difference spans less of the machine's drift,
//                        and the verdict's 95% interval narrows with the number of rounds
//   (OpenTelemetry runs in rounds of its own with raw: a third as many, three times as long)
//   BENCH_CONCURRENCY=2000  operations in flight in the saturated shapes
//   BENCH_E2E_MS=5000    autocannon duration of one e2e round
//   BENCH_ONLY=pg,micro  run only these parts (pg, mysql2, ioredis, inproc, e2e, micro, sql)
//   BENCH_INPROC=mysql2  only these in-process shapes (pg-pipeline, pg-pool, pg-literals, mysql2, ioredis)
//   BENCH_VARIANTS=querycost,otel,core  the variants beside raw. By default querycost and otel,
//                        the two RESULTS.md reads; the research variants (raw2: a second raw
//                        client; control: raw + 1 µs per operation; core: core's accounting
//                        alone; floor: a hand-written minimum of it) run only when named. Any
//                        other set than the default is a focused run: printed, not written to
//                        out/ or RESULTS.md
//   BENCH_MYSQL_TRACE=0  mysql2 pools and connections made with `trace: false` (no stack captured per
//                        query by the promise API): a focused run too
const env = process.env
const quick = env.BENCH_QUICK === '1' || env.BENCH_QUICK === 'true'
const int = (name, fallback) => {
  const value = Number.parseInt(env[name] ?? '', 10)
  return Number.isFinite(value) && value > 0 ? value : fallback
}

const list = (value) => (value ? new Set(value.split(',').map((s) => s.trim())) : undefined)

export const config = Object.freeze({
  quick,
  rounds: Math.max(7, int('BENCH_ROUNDS', quick ? 7 : 15)),
  roundMs: int('BENCH_ROUND_MS', quick ? 150 : 200),
  inProcessRounds: Math.max(7, int('BENCH_INPROC_ROUNDS', quick ? 7 : 41)),
  inProcessRoundMs: int('BENCH_INPROC_ROUND_MS', quick ? 50 : 100),
  concurrency: int('BENCH_CONCURRENCY', 2000),
  e2eRounds: int('BENCH_E2E_ROUNDS', quick ? 3 : 5),
  e2eMs: int('BENCH_E2E_MS', quick ? 1500 : 5000),
  e2eConnections: int('BENCH_E2E_CONNECTIONS', 50),
  microMs: int('BENCH_MICRO_MS', quick ? 100 : 400),
  only: list(env.BENCH_ONLY),
  inProcessShapes: list(env.BENCH_INPROC),
  variants: list(env.BENCH_VARIANTS),
  mysqlTrace: env.BENCH_MYSQL_TRACE !== '0',
  pgUrl: env.QUERYCOST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
  mysqlUrl: env.QUERYCOST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test',
  redisUrl: env.QUERYCOST_REDIS_URL ?? 'redis://127.0.0.1:6379/5',
})

/** Whether a part of the benchmark is selected by BENCH_ONLY. */
export function selected(part) {
  return config.only === undefined || config.only.has(part)
}

/** The variants beside raw that a run has unless BENCH_VARIANTS names others: what RESULTS.md reads. */
export const DEFAULT_VARIANTS = Object.freeze(['querycost', 'otel'])

/** The research variants, run only when BENCH_VARIANTS names them (bench/lab/NOTES.md says what each measured). */
export const RESEARCH_VARIANTS = Object.freeze(['raw2', 'control', 'core', 'floor'])

/** Whether a variant other than raw (raw2, control, core, floor, querycost, otel) runs: BENCH_VARIANTS, or the default two. */
export function variantSelected(name) {
  return config.variants === undefined ? DEFAULT_VARIANTS.includes(name) : config.variants.has(name)
}

/** Whether this run's variants differ from the default or it changes a default (BENCH_MYSQL_TRACE): printed, never stored. */
export function focused() {
  const variants = config.variants
  const asDefault = variants === undefined || (variants.size === DEFAULT_VARIANTS.length && DEFAULT_VARIANTS.every((v) => variants.has(v)))
  return !asDefault || !config.mysqlTrace
}
