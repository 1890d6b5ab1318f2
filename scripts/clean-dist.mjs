// Run before each package's tsc build: removes the old dist/, so a file deleted or
// renamed in src/ leaves no stale output (or source map) behind to be packed.
import { rmSync } from 'node:fs'

rmSync('dist', { recursive: true, force: true })
