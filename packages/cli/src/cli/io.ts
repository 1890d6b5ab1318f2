import type { Readable, Writable } from 'node:stream'

/** Where the command reads and writes: the process's streams, or a test's. */
export interface CliIo {
  stdout: Writable
  stderr: NodeJS.WriteStream
  stdin: Readable
}

/** The process's own streams. */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin }
}
