import { vi } from 'vitest'

/**
 * Runs `fn` with stderr captured (so an expected error line is asserted, not printed)
 * and returns the lines written meanwhile.
 */
export async function stderrLines(fn: () => unknown): Promise<string[]> {
  const lines: string[] = []
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(...String(chunk).split('\n').filter(Boolean))
    return true
  })
  try {
    await fn()
  } finally {
    spy.mockRestore()
  }
  return lines
}
