import { PassThrough, Readable } from 'node:stream'
import { main } from '../src/cli/main.js'

/** Runs the command line in this process, capturing what it writes. */
export async function runCli(argv: string[], stdin: string | Buffer = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = []
  const err: string[] = []
  const stdout = new PassThrough()
  stdout.on('data', (c) => out.push(String(c)))
  const stderr = new PassThrough() as unknown as NodeJS.WriteStream
  ;(stderr as unknown as PassThrough).on('data', (c) => err.push(String(c)))
  const code = await main(argv, { stdout, stderr, stdin: Readable.from([Buffer.from(stdin)]) })
  return { code, stdout: out.join(''), stderr: err.join('') }
}

/** Runs a command with `--json` and parses its answer; fails with its standard error if it did not succeed. */
export async function runJson<T = unknown>(argv: string[]): Promise<T> {
  const { code, stdout, stderr } = await runCli([...argv, '--json'])
  if (code !== 0) throw new Error(`querycost ${argv.join(' ')} exited ${code}: ${stderr}`)
  return JSON.parse(stdout) as T
}
