import { writeFile } from 'node:fs/promises'
import type { CliArgs } from '../cli/args.js'
import type { Engine } from '../engine/engine.js'
import { gatherReport } from '../html/report-data.js'
import { reportPage } from '../html/report-page.js'
import { parseWindow } from '../queries/time-window.js'

/** `querycost report --html out.html`: writes the page, and says where. */
export async function runReport(engine: Engine, args: CliArgs, sources: string): Promise<string> {
  if (args.html === undefined) throw new Error('report needs --html FILE')
  if ((args.before === undefined) !== (args.after === undefined)) throw new Error('give both --before and --after, or neither')
  const compare = args.before !== undefined ? { before: parseWindow(args.before), after: parseWindow(args.after!) } : undefined
  const data = await gatherReport(engine, args.query, compare)
  await writeFile(args.html, reportPage(data, args.query.by, sources))
  return `wrote ${args.html}: ${data.summary.requests.toLocaleString('en-US')} requests, ${data.routes.length} routes and ${data.tables.length} tables shown\n`
}
