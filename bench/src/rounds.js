import { config, variantSelected } from './config.js'
import { median, spread } from './stats.js'
import { minRoundOps, threeVariants } from './variants.js'

/**
 * One variant of a shape: `run(n)` performs n operations and resolves when all are
 * done; `after()` (optional) runs inside the measurement once the ops are done, for
 * work the variant owes (OpenTelemetry's span export), and `check(n)` (optional) runs
 * outside it and returns a problem string when the variant did not measure what it
 * claims (no spans, uncounted operations).
 */

async function measure(variant, n) {
  const cpu0 = process.cpuUsage()
  const t0 = process.hrtime.bigint()
  await variant.run(n)
  if (variant.after) await variant.after()
  const wallNs = Number(process.hrtime.bigint() - t0)
  const cpu = process.cpuUsage(cpu0)
  return { cpuUs: (cpu.user + cpu.system) / n, userUs: cpu.user / n, opsPerSec: n / (wallNs / 1e9) }
}

/** Operations per round for rounds of `roundMs` at the slowest variant's rate `opsPerSec`. */
const opsFor = (opsPerSec, roundMs) => Math.max(200, Math.round((opsPerSec * roundMs) / 1000))

/**
 * Operations per round so that the slowest variant's round lasts about `roundMs`: grows
 * a trial round until the trial itself lasts at least half of that, then measures each
 * variant again at the size that gives, until the size settles (within 25%; six tries
 * at most). The first trials run cold code (the JIT still compiling, the heap growing)
 * at a fraction of the warm rate, and a saturated shape's rate means nothing in a short
 * trial: with fewer operations than it has in flight, waking its thousands of workers is
 * most of the round. (Until this rule, cold trials of 256 to 4096 operations set the
 * size, and the in-process shapes ran rounds of 1,100 to 2,900 operations: fewer than
 * 2000 in flight for much of each round, and 10 to 20 ms long instead of 100.)
 */
async function calibrate(variants, roundMs, minOps) {
  let n = 256
  let slowest = await slowestRate(variants, n)
  while ((n / slowest) * 1000 < roundMs / 2 && n < 1e7) {
    n *= 4
    slowest = await slowestRate(variants, n)
  }
  n = Math.max(minOps, opsFor(slowest, roundMs))
  for (let tries = 0; tries < 6; tries++) {
    const settled = Math.max(minOps, opsFor(await slowestRate(variants, n), roundMs))
    if (Math.abs(settled - n) <= n / 4) return settled
    n = settled
  }
  return n
}

/**
 * The rate of the slowest of `variants` at `n` operations a round, each variant's the
 * better of two runs: the first also warms the JIT and the connections, and one
 * collection landing in one run must not set the size.
 */
async function slowestRate(variants, n) {
  let slowest = Number.POSITIVE_INFINITY
  for (const variant of variants) {
    const a = await measure(variant, n)
    const b = await measure(variant, n)
    slowest = Math.min(slowest, Math.max(a.opsPerSec, b.opsPerSec))
  }
  return slowest
}

/** `list` in a random order (Fisher–Yates). */
function shuffled(list) {
  const out = [...list]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1))
    ;[out[i], out[j]] = [out[j], out[i]]
  }
  return out
}

/**
 * Measured rounds of `list`, each in a fresh random order, `n` operations each, adding to
 * `samples`. A variant pays in its round for the garbage the one before it left, so no
 * variant may always follow the same one. Until this order, the rounds rotated (A B C,
 * B C A, C A B, …): every variant saw every position but always followed the same
 * variant, and raw, the reference, always followed querycost, the light variant that
 * allocates most. In `lab/profile/contexts.js`, raw2 read −0.07 to −0.73 µs/op against raw
 * when it followed raw, +0.15 and +0.80 when it followed querycost: every figure against
 * raw read low by about that much.
 */
async function rotate(list, n, rounds, samples, problems) {
  for (let round = 0; round < rounds; round++) {
    for (const variant of shuffled(list)) {
      const sample = await measure(variant, n)
      const s = samples.get(variant)
      s.cpuUs.push(sample.cpuUs)
      s.userUs.push(sample.userUs)
      s.opsPerSec.push(sample.opsPerSec)
      // Every measured round is checked too (outside the measurement): counts must
      // stay exact over thousands of operations, spans must keep coming.
      const problem = variant.check ? await variant.check(n) : undefined
      if (problem && !problems.some((p) => p.startsWith(`${variant.name} (round`))) {
        problems.push(`${variant.name} (round ${round + 1}): ${problem}`)
      }
    }
  }
}

/** `11,174` */
const thousands = (count) => count.toLocaleString('en-US')

const sampleSet = () => ({ cpuUs: [], userUs: [], opsPerSec: [] })

function summary(s) {
  return { cpuUs: median(s.cpuUs), opsPerSec: median(s.opsPerSec), spread: spread(s.cpuUs), samples: s.cpuUs, userSamples: s.userUs }
}

/**
 * Runs the variants in interleaved rounds, after one calibration and warm-up pass, and
 * reports each variant's median CPU per operation and throughput. The first variant is
 * raw. Variants marked `heavy` (OpenTelemetry) run in rounds of their own with raw, a
 * third as many and three times as long: the garbage a heavy round leaves is collected
 * in whichever round follows it, and in short rounds that swamps the small differences
 * the others are measured for (at 100 ms, the 1 µs control read −1.7 to +4.9 µs). A heavy
 * variant's figures are paired with raw's from its own rounds (`rawSamples`, `rawCpuUs`).
 */
export async function runRounds(shape, variants, { ops, roundMs = config.roundMs, rounds = config.rounds, minOps = 0 } = {}) {
  const raw = variants[0]
  const light = variants.filter((v) => !v.heavy)
  const heavy = variants.filter((v) => v.heavy)
  const n = ops ?? (await calibrate(light, roundMs, minOps))
  const heavyRounds = Math.max(7, Math.ceil(rounds / 3))
  const heavyN = heavy.length === 0 ? 0 : (ops ?? (await calibrate([raw, ...heavy], 3 * roundMs, minOps)))
  const problems = []
  for (const variant of variants) {
    // Sanity: a small counted run per variant; a benchmark that measures nothing is worse than none.
    await variant.run(Math.min(n, 500))
    if (variant.after) await variant.after()
    const problem = variant.check ? await variant.check(Math.min(n, 500)) : undefined
    if (problem) problems.push(`${variant.name}: ${problem}`)
  }
  // Raw runs in both: its own figures from the light rounds, the heavy variants' pairs from theirs.
  const lightSamples = new Map(light.map((v) => [v, sampleSet()]))
  const heavySamples = new Map([raw, ...heavy].map((v) => [v, sampleSet()]))
  await rotate(light, n, rounds, lightSamples, problems)
  if (heavy.length > 0) await rotate([raw, ...heavy], heavyN, heavyRounds, heavySamples, problems)
  for (const variant of variants) {
    const problem = variant.close ? await variant.close() : undefined
    if (problem) problems.push(`${variant.name} (at close): ${problem}`)
  }
  const result = { shape, opsPerRound: n, rounds, roundMs, heavyRounds, heavyOps: heavyN, variants: {}, problems }
  const heavyRaw = heavySamples.get(raw).cpuUs
  for (const variant of light) result.variants[variant.name] = summary(lightSamples.get(variant))
  for (const variant of heavy) {
    result.variants[variant.name] = { ...summary(heavySamples.get(variant)), rawSamples: heavyRaw, rawCpuUs: median(heavyRaw) }
  }
  return result
}

/**
 * One shape of one driver, end to end: makes its clients (raw, wrapped by `instrument`
 * when there is one, and for the research variants BENCH_VARIANTS names, the control's
 * unless the shape is serial, and with `inProcess` a second raw client, the core
 * variant's and the floor's), runs its variants in rounds, closes every
 * client, and returns the result with its `detail`.
 */
export async function benchShape({ driver, shape, runner, op, make, close, instrument, detail, log, rounds, inProcess = false }) {
  const raw = await make()
  const wrapped = instrument ? instrument(await make()) : undefined
  // The research variants (raw2, control, core, floor) only when BENCH_VARIANTS names them: RESULTS.md does not read them.
  const saturatedShape = shape !== 'serial'
  const control = saturatedShape && variantSelected('control') ? { op, client: await make() } : undefined
  const raw2 = inProcess && saturatedShape && variantSelected('raw2') ? await make() : undefined
  const core = inProcess && saturatedShape && variantSelected('core') ? { op, client: await make() } : undefined
  const floor = inProcess && saturatedShape && variantSelected('floor') ? { op, client: await make() } : undefined
  log(`${driver} ${shape}${rounds ? ' (in process)' : ''}…`)
  const variants = threeVariants({ driver, shape, runner, raw, raw2, wrapped, control, core, floor })
  const result = await runRounds(shape, variants, { ...rounds, minOps: minRoundOps(runner.inFlight ?? 0) })
  result.detail = detail
  const heavy = result.variants.otel ? `, OpenTelemetry's ${result.heavyRounds} of ${thousands(result.heavyOps)}` : ''
  log(`  ${result.rounds} rounds of ${thousands(result.opsPerRound)} operations${heavy}`)
  for (const client of [raw, wrapped, control?.client, raw2, core?.client, floor?.client]) if (client !== undefined) await close(client)
  return result
}
