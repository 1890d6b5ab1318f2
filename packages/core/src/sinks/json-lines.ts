import { createWriteStream, openSync } from 'node:fs'
import type { Writable } from 'node:stream'
import { reportInternalError } from '../driver/guard.js'
import type { CostReport } from '../report/types.js'

/** Options of {@link jsonLinesSink}. */
export interface JsonLinesOptions {
  /**
   * Bytes that may wait for the disk (the batch being built plus what the stream has
   * not written yet). Past it, reports are dropped and counted in `dropped`.
   * @default 8_388_608 (8 MiB)
   */
  maxPendingBytes?: number
  /**
   * Whether `close()` ends the stream. Default: `true` for a path, `false` for a stream
   * you passed (so `process.stdout` stays open).
   */
  end?: boolean
}

/** An `onReport` that writes each report as one JSON line, with `close()` to flush it. */
export interface JsonLinesSink {
  (report: CostReport): void
  /** Reports dropped: past `maxPendingBytes`, after a write error, or after `close()`. */
  readonly dropped: number
  /** Reports handed to the stream so far. */
  readonly written: number
  /**
   * Writes what is pending and, for a path, closes the file; resolves once it is on
   * disk (never rejects: a write error is reported once on stderr). Call it on shutdown.
   */
  close(): Promise<void>
}

/** Opens `path` for appending now, so a path that cannot be opened fails at creation with a clear error. */
function openFile(path: string): Writable {
  let fd: number
  try {
    fd = openSync(path, 'a')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error'
    throw new Error(`querycost: jsonLinesSink cannot open ${path} (${code}); create its directory or pass a writable stream`, {
      cause: error,
    })
  }
  return createWriteStream(path, { fd })
}

/**
 * A JSON-lines writer: pass it as `onReport` and each report becomes one line. Takes
 * a file path (appended to; one that cannot be opened throws here, at creation) or any
 * writable stream. Lines are batched and written once per turn of the event loop,
 * never synchronously; past `maxPendingBytes` reports are dropped and counted instead
 * of held in memory. Await `close()` on shutdown so nothing is lost.
 *
 * @example
 * const sink = jsonLinesSink('cost.jsonl')
 * configure({ onReport: sink })
 * process.on('SIGTERM', async () => { await sink.close(); process.exit(0) })
 */
export function jsonLinesSink(target: string | Writable, options: JsonLinesOptions = {}): JsonLinesSink {
  const maxPending = options.maxPendingBytes ?? 8 * 1024 * 1024
  const stream = typeof target === 'string' ? openFile(target) : target
  const end = options.end ?? typeof target === 'string'
  let batch: string[] = []
  let batchBytes = 0
  let scheduled = false
  let failed = false
  let closed = false
  let dropped = 0
  let written = 0

  // Without a listener an 'error' event would crash the host: report it once, then drop.
  stream.on('error', (error) => {
    failed = true
    reportInternalError('jsonLinesSink write', error)
  })

  const flush = (): void => {
    scheduled = false
    if (batch.length === 0) return
    const chunk = batch.join('')
    const lines = batch.length
    batch = []
    batchBytes = 0
    if (failed || stream.destroyed) {
      dropped += lines
      return
    }
    written += lines
    stream.write(chunk)
  }

  const sink = ((report: CostReport) => {
    if (closed || failed) {
      dropped++
      return
    }
    let line: string
    try {
      line = `${JSON.stringify(report)}\n`
    } catch (error) {
      reportInternalError('jsonLinesSink serialise', error)
      dropped++
      return
    }
    if (batchBytes + line.length + stream.writableLength > maxPending) {
      dropped++
      return
    }
    batch.push(line)
    batchBytes += line.length
    if (!scheduled) {
      scheduled = true
      setImmediate(flush)
    }
  }) as JsonLinesSink

  Object.defineProperties(sink, {
    dropped: { get: () => dropped },
    written: { get: () => written },
  })

  sink.close = () => {
    if (!closed) {
      closed = true
      flush()
    }
    return new Promise<void>((resolve) => {
      if (failed || stream.destroyed) return resolve()
      stream.once('error', () => resolve())
      if (end) {
        if (stream.writableFinished) return resolve()
        stream.end(() => resolve())
      } else if (stream.writableNeedDrain) {
        stream.once('drain', () => resolve())
      } else {
        // Queued writes complete in order: an empty write's callback comes after them.
        stream.write('', () => resolve())
      }
    })
  }
  return sink
}
