import { join, relative } from 'node:path'
import { main } from '@querycost/cli'

/**
 * The demo's last step: the `querycost` command over the demo's own JSON-lines file
 * (the costliest tables), then the HTML page of the same reports. Returns the lines to print.
 *
 * @param {string} outFile the JSON-lines file the demo wrote
 * @param {string} shownFrom the folder paths are shown relative to
 */
export async function querycostStep(outFile, shownFrom) {
  const html = join(outFile, '..', 'cost-report.html')
  const shown = (path) => relative(shownFrom, path) || path
  const captured = []
  const stdout = { write: (text) => captured.push(String(text)) }
  const io = { stdout, stderr: process.stderr, stdin: process.stdin }
  const tables = await main(['tables', outFile, '--limit', '5'], io)
  const tableText = captured.join('')
  captured.length = 0
  const page = await main(['report', outFile, '--html', html], io)
  if (tables !== 0 || page !== 0) throw new Error('querycost failed on the demo file (see above)')
  return [
    `$ npx querycost tables ${shown(outFile)} --limit 5`,
    tableText.trimEnd(),
    '',
    `The same reports as a page with charts: open ${shown(html)}`,
  ]
}
