import { join, relative } from 'node:path'
import { main } from '@querycost/cli'

/**
 * The demo's last step: one `querycost` command over the demo's own JSON-lines file,
 * `report --html`, which writes the same reports as a page with charts. Returns the lines to print.
 *
 * @param {string} outFile the JSON-lines file the demo wrote
 * @param {string} shownFrom the folder paths are shown relative to
 */
export async function querycostStep(outFile, shownFrom) {
  const html = join(outFile, '..', 'cost-report.html')
  const shown = (path) => relative(shownFrom, path) || path
  const captured = []
  const io = { stdout: { write: (text) => captured.push(String(text)) }, stderr: process.stderr, stdin: process.stdin }
  if ((await main(['report', outFile, '--html', html], io)) !== 0) throw new Error('querycost failed on the demo file (see above)')
  return [
    `$ npx querycost report ${shown(outFile)} --html ${shown(html)}`,
    captured.join('').trimEnd(),
    `Open ${shown(html)} in a browser: costliest routes and tables as charts, N+1 statements, limit violations.`,
    `The same file answers other questions: npx querycost tables ${shown(outFile)} (see docs/cli.md).`,
  ]
}
