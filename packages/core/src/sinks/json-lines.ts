import { createWriteStream } from 'node:fs'
import type { Writable } from 'node:stream'
import type { CostReport } from '../report/report.js'

/** An `onReport` that writes each report as one JSON line, with `close()` to flush it. */
export interface JsonLinesSink {
  (report: CostReport): void
  /** Ends the stream; resolves once everything written is flushed. */
  close(): Promise<void>
}

/**
 * A JSON-lines writer: pass it as `onReport` and each report becomes one line.
 * Takes a file path (appended to) or any writable stream.
 *
 * @example
 * const sink = jsonLinesSink('cost.jsonl')
 * configure({ onReport: sink })
 */
export function jsonLinesSink(target: string | Writable): JsonLinesSink {
  const stream = typeof target === 'string' ? createWriteStream(target, { flags: 'a' }) : target
  const sink = ((report: CostReport) => {
    stream.write(`${JSON.stringify(report)}\n`)
  }) as JsonLinesSink
  sink.close = () =>
    new Promise<void>((resolve, reject) => {
      stream.once('error', reject)
      stream.end(() => resolve())
    })
  return sink
}
