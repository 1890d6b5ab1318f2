// sql.js's figures as Markdown: for its own output and for RESULTS.md's SQL section.

const time = (ns) => (ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : ns >= 1000 ? `${(ns / 1000).toFixed(2)} µs` : `${ns.toFixed(0)} ns`)
const mb = (bytes) => `${(bytes / 1048576).toFixed(1)} MB`

/** The three tables of one run of sql.js (`{ rows, big, garbage }`), as Markdown lines. */
export function sqlTables({ rows, big, garbage }) {
  const lines = ['| statement | CPU per call | × bare scan |', '| --- | ---: | ---: |']
  for (const r of rows) lines.push(`| ${r.what} | ${time(r.ns)} | ${r.bare ? (r.ns / r.bare).toFixed(1) : '1'} |`)
  lines.push(
    '',
    'Long statements (CPU time of one call, in a process warmed on 24,000 ordinary short statements of shapes it had not seen; median of 5 for the last two; heap: what the call allocated):',
    '',
    '| statement | bare scan | first sight | heap | same text again | heap | other values (and rows) | heap |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  )
  for (const r of big)
    lines.push(
      `| ${r.label} (${r.chars} chars) | ${time(r.bare)} | ${time(r.first.ns)} | ${mb(r.first.heap)} | ${time(r.again.ns)} | ${mb(r.again.heap)} | ${time(r.other.ns)} | ${mb(r.other.heap)} |`,
    )
  lines.push(
    '',
    `100,000 garbage texts (${garbage.meanChars.toFixed(0)} characters on average), wall time per call: p50 ${time(garbage.p50)}, p99 ${time(garbage.p99)}, worst ${time(garbage.max)}.`,
  )
  return lines.join('\n')
}
