/** A progress line for work done in steps that report nothing while they run. */
export interface StepProgress {
  show(step: string): void
  done(): void
}

/**
 * Shows the current step and the seconds since the read began, from the first second on:
 * on a terminal rewritten in place twice a second and cleared at the end; with `force`
 * and no terminal, one line every five seconds.
 */
export function stepProgress(stream: NodeJS.WriteStream, force: boolean, afterMs = 1000): StepProgress {
  const enabled = force || stream.isTTY === true
  const started = Date.now()
  let step = ''
  let shown = false
  // On a terminal the line is rewritten in place; elsewhere (a log) a line every five seconds.
  const tty = stream.isTTY === true
  const draw = () => {
    const elapsed = Date.now() - started
    if (elapsed < afterMs) return
    shown = tty
    stream.write(tty ? `\r${step}, ${(elapsed / 1000).toFixed(0)} s\x1b[K` : `${step}, ${(elapsed / 1000).toFixed(0)} s\n`)
  }
  const timer = enabled ? setInterval(draw, tty ? 500 : 5000) : undefined
  timer?.unref()
  return {
    show(text) {
      step = text
      if (enabled && tty) draw()
    },
    done() {
      if (timer) clearInterval(timer)
      if (shown) stream.write('\r\x1b[K')
    },
  }
}
