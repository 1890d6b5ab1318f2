import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import type { Readable } from 'node:stream'
import { byteChunks } from './byte-chunks.js'
import { expandPaths } from './expand-paths.js'
import { flattenReport, type RowSink } from './flatten.js'
import { parseReportLine } from './parse-report.js'
import { progressLine } from './progress.js'

/** A line that was not a report: where it is and why. */
export interface BadLine {
  file: string
  line: number
  error: string
}

/** What a read found. Bad lines are counted, and the first few kept to show. */
export interface ReadStats {
  files: number
  reports: number
  badLines: number
  firstBad: BadLine[]
}

/** How to read: where progress goes, and standard input for `-`. */
export interface ReadOptions {
  stderr?: NodeJS.WriteStream
  stdin?: Readable
  /** Show the progress line even when standard error is not a terminal. */
  progress?: boolean
}

const KEPT_BAD = 5

/**
 * Reads JSON-lines reports from files, patterns, gzip and standard input (`-`) into a
 * sink, line by line. A line that is not a report is counted with its file and line
 * number, and reading goes on.
 */
export async function readReports(inputs: readonly string[], sink: RowSink, options: ReadOptions = {}): Promise<ReadStats> {
  const files = await expandPaths(inputs.length === 0 ? ['-'] : inputs)
  let totalBytes = 0
  for (const file of files) if (file !== '-') totalBytes += await sizeOf(file)
  const stderr = options.stderr ?? process.stderr
  const progress = progressLine(totalBytes, stderr, 1000, options.progress)
  const stats: ReadStats = { files: files.length, reports: 0, badLines: 0, firstBad: [] }
  let bytes = 0
  try {
    for (const file of files) {
      const source = file === '-' ? (options.stdin ?? process.stdin) : createReadStream(file, { highWaterMark: 1 << 20 })
      const label = file === '-' ? '(stdin)' : file
      let lineNo = 0
      let rest = ''
      const take = (line: string) => {
        lineNo++
        if (line.trim() === '') return
        const parsed = parseReportLine(line)
        if ('error' in parsed) {
          stats.badLines++
          if (stats.firstBad.length < KEPT_BAD) stats.firstBad.push({ file: label, line: lineNo, error: parsed.error })
          return
        }
        stats.reports++
        flattenReport(parsed.report, parsed.startedMs, sink)
      }
      const decoder = new TextDecoder()
      for await (const chunk of byteChunks(source, (n) => (bytes += n))) {
        const text = rest + decoder.decode(chunk, { stream: true })
        let start = 0
        for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
          take(text.slice(start, end))
          start = end + 1
        }
        rest = text.slice(start)
        progress.tick(bytes, stats.reports)
        await sink.flush(false)
      }
      rest += decoder.decode()
      if (rest !== '') take(rest)
    }
    await sink.flush(true)
  } finally {
    progress.done()
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

/** The lines of a file (gzip or not) that hold more than white space. */
export async function countLines(path: string): Promise<number> {
  let count = 0
  // Whether the current line has shown a non-blank byte yet.
  let filled = false
  for await (const chunk of byteChunks(createReadStream(path, { highWaterMark: 1 << 20 }), () => {})) {
    let start = 0
    for (;;) {
      const end = chunk.indexOf(0x0a, start)
      const stop = end === -1 ? chunk.length : end
      if (!filled) {
        for (let i = start; i < stop; i++) {
          const b = chunk[i]!
          if (b !== 0x20 && b !== 0x09 && b !== 0x0d) {
            filled = true
            break
          }
        }
      }
      if (end === -1) break
      if (filled) count++
      filled = false
      start = end + 1
    }
  }
  if (filled) count++
  return count
}

/**
 * The first `max` lines of a file that are not reports, with their line numbers: what
 * the DuckDB reader asks for once it has counted bad lines (the rare case).
 */
export async function findBadLines(path: string, label: string, max: number): Promise<BadLine[]> {
  const found: BadLine[] = []
  let lineNo = 0
  let rest = ''
  const check = (line: string) => {
    lineNo++
    if (found.length >= max || line.trim() === '') return
    const parsed = parseReportLine(line)
    if ('error' in parsed) found.push({ file: label, line: lineNo, error: parsed.error })
  }
  const decoder = new TextDecoder()
  for await (const chunk of byteChunks(createReadStream(path), () => {})) {
    const text = rest + decoder.decode(chunk, { stream: true })
    let start = 0
    for (let end = text.indexOf('\n'); end !== -1 && found.length < max; end = text.indexOf('\n', start)) {
      check(text.slice(start, end))
      start = end + 1
    }
    if (found.length >= max) return found
    rest = text.slice(start)
  }
  rest += decoder.decode()
  if (rest !== '') check(rest)
  return found
}

/** The lines a user sees about bad input: the first few with file and line, then the count. */
export function describeBadLines(stats: ReadStats): string[] {
  if (stats.badLines === 0) return []
  const lines = stats.firstBad.map((bad) => `${bad.file}:${bad.line}: skipped, ${bad.error}`)
  const more = stats.badLines - stats.firstBad.length
  if (more > 0) lines.push(`… and ${more} more`)
  lines.push(`${stats.badLines} line(s) were not JSON-lines cost reports and were skipped; ${stats.reports} report(s) read.`)
  return lines
}
