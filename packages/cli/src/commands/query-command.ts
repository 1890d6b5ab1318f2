import type { CliArgs } from '../cli/args.js'
import type { Engine } from '../engine/engine.js'
import type { Column } from '../output/columns.js'
import { render } from '../output/render.js'
import { compareWindows, figureOf } from '../queries/compare.js'
import { repeatedCosts } from '../queries/repeated.js'
import { routeCosts } from '../queries/routes.js'
import { tableRoutes } from '../queries/table-routes.js'
import { tableCosts } from '../queries/tables.js'
import { parseWindow } from '../queries/time-window.js'
import { compareView, VIEWS } from './views.js'

/** The commands that query an engine and print an answer. */
export const QUERY_COMMANDS = ['routes', 'tables', 'table', 'repeated', 'compare', 'sql'] as const

/** How many leading positionals a command takes before its files (`table pg:orders`, `sql "…"`). */
export function argumentCount(command: string): number {
  return command === 'table' || command === 'sql' ? 1 : 0
}

/** Runs one query command and renders its answer in the chosen format. */
export async function runQueryCommand(engine: Engine, args: CliArgs): Promise<string> {
  const q = args.query
  switch (args.command) {
    case 'routes':
      return render(args.format, VIEWS.routes, await routeCosts(engine, q))
    case 'tables':
      return render(args.format, VIEWS.tables, await tableCosts(engine, q))
    case 'table':
      return render(args.format, VIEWS.table, await tableRoutes(engine, args.positionals[0]!, q))
    case 'repeated':
      return render(args.format, VIEWS.repeated, await repeatedCosts(engine, q))
    case 'compare': {
      if (args.before === undefined || args.after === undefined) throw new Error('compare needs --before START..END and --after START..END')
      const result = await compareWindows(engine, parseWindow(args.before), parseWindow(args.after), q)
      if (args.format === 'json') return `${JSON.stringify(result, null, 2)}\n`
      const figure = figureOf(q.by)
      if (args.format === 'csv') {
        const rows = [...result.routes.map((r) => ({ kind: 'route', ...r })), ...result.tables.map((t) => ({ kind: 'table', ...t }))]
        return render('csv', [], rows)
      }
      return `Routes\n${render('table', compareView('route', figure, true), result.routes)}\nTables\n${render('table', compareView('table', figure === 'requests' ? 'count' : figure, false), result.tables)}`
    }
    case 'sql': {
      const rows = await engine.query(args.positionals[0]!)
      const columns: Column[] = Object.keys(rows[0] ?? {}).map((key) => ({
        path: key,
        header: key,
        kind: typeof rows[0]![key] === 'number' ? 'count' : 'text',
      }))
      return render(args.format, columns, rows)
    }
    default:
      throw new Error(`unknown command ${args.command}`)
  }
}
