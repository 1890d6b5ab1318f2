/** A progress line for work done in steps that report nothing while they run. */
export interface StepProgress {
  show(step: string): void
  done(): void
}

/**
 * Shows the current step and the seconds since the read began, rewritten in place twice
 * a second, from the first second on, on a terminal (or anywhere when `force`). Cleared at the end.
 */
export function stepProgress(stream: NodeJS.WriteStream, force: boolean, afterMs = 1000): StepProgress {
  const enabled = force || stream.isTTY === true
  const started = Date.now()
  let step = ''
  let shown = false
  const draw = () => {
    const elapsed = Date.now() - started
    if (elapsed < afterMs) return
    shown = true
    stream.write(`\r${step}, ${(elapsed / 1000).toFixed(0)} s\x1b[K`)
  }
  const timer = enabled ? setInterval(draw, 500) : undefined
  timer?.unref()
  return {
    show(text) {
      step = text
      if (enabled) draw()
    },
    done() {
      if (timer) clearInterval(timer)
      if (shown) stream.write('\r\x1b[K')
    },
  }
}
