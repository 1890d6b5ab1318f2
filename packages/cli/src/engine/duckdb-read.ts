import { createWriteStream } from 'node:fs'
import { mkdtemp, open, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { byteChunks } from '../input/byte-chunks.js'
import { expandPaths } from '../input/expand-paths.js'
import { countLines, findBadLines, type ReadOptions, type ReadStats } from '../input/read-reports.js'
import type { DuckDbEngine } from './duckdb.js'
import { INSERT_FROM_REPORTS, readReportsSql } from './duckdb-report-sql.js'
import { stepProgress } from './step-progress.js'

/**
 * Reads JSON-lines reports into the DuckDB tables with DuckDB's own reader and JSON
 * functions (several times faster than parsing in JavaScript). Counts the lines that
 * are not reports; when there are some, finds the first few with their line numbers.
 */
export async function readIntoDuckDb(engine: DuckDbEngine, inputs: readonly string[], options: ReadOptions = {}): Promise<ReadStats> {
  const files = await expandPaths(inputs.length === 0 ? ['-'] : inputs)
  const stats: ReadStats = { files: files.length, reports: 0, badLines: 0, firstBad: [] }
  const dir = await mkdtemp(join(tmpdir(), 'querycost-'))
  const sizes = await Promise.all(files.map((f) => (f === '-' ? Promise.resolve(0) : sizeOf(f))))
  const total = sizes.reduce((a, b) => a + b, 0)
  const progress = stepProgress(options.stderr ?? process.stderr, options.progress === true)
  let done = 0
  try {
    for (const [i, file] of files.entries()) {
      const label = file === '-' ? '(stdin)' : file
      progress.show(
        `reading ${label}${files.length > 1 ? ` (${i + 1} of ${files.length})` : ''}, ${mb(done)} of ${mb(total)} read, ${stats.reports.toLocaleString('en-US')} reports`,
      )
      const path = file === '-' ? await copyStdin(options.stdin ?? process.stdin, join(dir, 'stdin.jsonl')) : file
      // DuckDB parses in its threads while this one counts the non-blank lines: the bad ones are the difference.
      const [lines] = await Promise.all([countLines(path), engine.run(readReportsSql(path, file !== '-' && (await isGzip(path))))])
      const [counts] = await engine.query('SELECT count(*) AS reports FROM qc_reports')
      const reports = Number(counts?.reports ?? 0)
      for (const sql of INSERT_FROM_REPORTS) await engine.run(sql)
      stats.reports += reports
      if (lines > reports) {
        stats.badLines += lines - reports
        const room = 5 - stats.firstBad.length
        if (room > 0) stats.firstBad.push(...(await findBadLines(path, label, room)))
      }
      done += sizes[i]!
    }
    await engine.run('DROP TABLE IF EXISTS qc_reports')
  } finally {
    progress.done()
    await rm(dir, { recursive: true, force: true })
  }
  return stats
}

async function sizeOf(file: string): Promise<number> {
  const info = await stat(file).catch((error: NodeJS.ErrnoException) => {
    throw new Error(error.code === 'ENOENT' ? `cannot read ${file}: no such file` : `cannot read ${file}: ${error.message}`)
  })
  if (info.isDirectory()) throw new Error(`${file} is a folder: name the files in it, or a pattern such as '${file}/*.jsonl'`)
  return info.size
}

async function isGzip(path: string): Promise<boolean> {
  const handle = await open(path, 'r')
  try {
    const head = Buffer.alloc(2)
    const { bytesRead } = await handle.read(head, 0, 2, 0)
    return bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b
  } finally {
    await handle.close()
  }
}

/** Standard input to a file DuckDB can read, gunzipped if it was gzip. */
async function copyStdin(stdin: Readable, path: string): Promise<string> {
  await pipeline(
    byteChunks(stdin, () => {}),
    createWriteStream(path),
  )
  return path
}

function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(bytes < 1e7 ? 1 : 0)} MB`
}
