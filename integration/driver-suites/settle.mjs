// Settles the tests that failed in one mode only. A suite run once raw and once wrapped can
// differ by a test that races against what earlier tests left behind (clients reconnecting,
// stubbed timers) and fails now in one mode, now in the other. So every test that failed in
// one mode only is run again alone, raw and wrapped, `times` times each (alternating), and
// classified:
//
//   passes alone in both modes, every time    flaky in the full run: set apart
//   fails alone in both modes (at least once)  the same in both modes: set apart
//   fails alone in one mode only               a real difference: kept in the counts, named
//   matched no test alone                      unsettled: kept in the counts, named
//
// The settled counts are the full runs' counts with the tests set apart taken out, so raw and
// wrapped are equal there unless a real (or unsettled) difference remains.

/** A regular expression source (for mocha's --grep, matched against full titles) that selects
 *  the test `fullTitle` alone; for a failed hook, the test it ran for (or its suite). */
export function grepFor(fullTitle) {
  const literal = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
  // mocha names a failed hook `<suite> "before each" hook for "<test>"`, or
  // `<suite> "before all" hook[: name][ in "<suite title>"]`.
  const hook = /^(.*?) ?"(?:before|after) (?:all|each)" hook(?:: .*?)?(?: for "(.*)"| in "(.*)")?$/.exec(fullTitle)
  if (!hook) return `^${literal(fullTitle)}$`
  // The hook's suite may be an ancestor of the test's (the root suite for a global hook).
  const [, suite, test] = hook
  if (test !== undefined) return suite ? `^${literal(suite)} (.* )?${literal(test)}$` : `(^| )${literal(test)}$`
  return suite ? `^${literal(suite)} ` : '.'
}

/**
 * @param raw, wrapped  one part of a suite's two runs: `failures` ([{ fullTitle, file }]),
 *   `pass`, `fail`, `pending`, and (on raw, mocha's) `rerun(failure, mode, i)`, which runs that test
 *   alone and returns 'pass', 'fail' or 'none' (it matched no test)
 * @returns { tests: [{ fullTitle, failedIn, alone: { raw, wrapped }, verdict, setApart }],
 *   raw, wrapped (counts with the tests set apart taken out), equal }
 */
export function settle(raw, wrapped, times) {
  // a part that is not mocha's names its failed files (or tests) only, in `failed`
  const failures = (r) => r.failures ?? (r.failed ?? []).map((fullTitle) => ({ fullTitle }))
  const titles = (r) => new Set(failures(r).map((f) => f.fullTitle))
  const [rawFailed, wrappedFailed] = [titles(raw), titles(wrapped)]
  const differing = [
    ...failures(wrapped)
      .filter((f) => !rawFailed.has(f.fullTitle))
      .map((f) => ({ ...f, failedIn: 'wrapped' })),
    ...failures(raw)
      .filter((f) => !wrappedFailed.has(f.fullTitle))
      .map((f) => ({ ...f, failedIn: 'raw' })),
  ]
  const tests = []
  for (const test of differing) {
    const alone = { raw: [], wrapped: [] }
    if (raw.rerun) {
      for (let i = 0; i < times; i++) {
        for (const mode of ['raw', 'wrapped']) alone[mode].push(raw.rerun(test, mode, i))
      }
    }
    tests.push({ fullTitle: test.fullTitle, failedIn: test.failedIn, alone, ...classify(alone, times) })
  }
  const apart = (mode) => tests.filter((t) => t.setApart && t.failedIn !== mode).length
  const apartFailed = (mode) => tests.filter((t) => t.setApart && t.failedIn === mode).length
  const settled = (r, mode) => ({ pass: r.pass - apart(mode), fail: r.fail - apartFailed(mode), pending: r.pending })
  const [r, w] = [settled(raw, 'raw'), settled(wrapped, 'wrapped')]
  return { tests, raw: r, wrapped: w, equal: r.pass === w.pass && r.fail === w.fail && r.pending === w.pending }
}

function classify(alone, times) {
  const passed = (mode) => alone[mode].filter((x) => x === 'pass').length
  const [r, w] = [passed('raw'), passed('wrapped')]
  const seen = `alone raw ${r}/${times}, wrapped ${w}/${times}`
  if (times === 0 || alone.raw.length === 0) return { verdict: 'not run alone', setApart: false }
  if ([...alone.raw, ...alone.wrapped].includes('none')) {
    return { verdict: `${seen}: matched no test alone, unsettled`, setApart: false }
  }
  if (r === times && w === times) return { verdict: `passes ${seen}: flaky in the full run`, setApart: true }
  if (r < times && w < times) return { verdict: `passes ${seen}: fails alone in both modes`, setApart: true }
  if (w < times) return { verdict: `passes ${seen}: FAILS ONLY WRAPPED ALONE, a real difference`, setApart: false }
  return { verdict: `passes ${seen}: fails only raw alone`, setApart: false }
}
