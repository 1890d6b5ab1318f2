/** A progress line on standard error, shown only once a read has taken a while. */
export interface Progress {
  tick(bytes: number, reports: number): void
  done(): void
}

/**
 * Rewrites one line (`reading: 412 MB of 700 MB, 590,000 reports`) at most four times
 * a second, starting after `afterMs`, when `stream` is a terminal (or `force`). Clears it when done.
 */
export function progressLine(totalBytes: number, stream: NodeJS.WriteStream, afterMs = 1000, force = false): Progress {
  const enabled = force || stream.isTTY === true
  const started = Date.now()
  let last = 0
  let shown = false
  return {
    tick(bytes, reports) {
      if (!enabled) return
      const now = Date.now()
      if (now - started < afterMs || now - last < 250) return
      last = now
      shown = true
      const of = totalBytes > 0 ? ` of ${mb(totalBytes)}` : ''
      stream.write(`\rreading: ${mb(bytes)}${of}, ${reports.toLocaleString('en-US')} reports\x1b[K`)
    },
    done() {
      if (shown) stream.write('\r\x1b[K')
    },
  }
}

function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(bytes < 1e7 ? 1 : 0)} MB`
}
