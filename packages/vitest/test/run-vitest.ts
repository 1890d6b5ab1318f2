import { execFile } from 'node:child_process'
import { cpSync, mkdirSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const vitestBin = path.join(path.dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs')

/** A copy of `fixtures/` where a child vitest can write snapshots; under node_modules, so `@querycost/*` resolve. */
export function fixtureCopy(name: string): { dir: string; remove: () => void } {
  const dir = path.join(here, '..', '..', '..', 'node_modules', '.cache', 'querycost-fixtures', `${name}-${process.pid}`)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  cpSync(path.join(here, 'fixtures'), dir, { recursive: true })
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) }
}

/** Runs `vitest run` in `dir` in a child process, without colours and outside CI (so snapshots can be written). */
export function runVitest(dir: string, args: string[] = [], env: Record<string, string> = {}): Promise<{ code: number; output: string }> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env, NO_COLOR: '1', FORCE_COLOR: '0' }
  delete childEnv.CI
  delete childEnv.VITEST
  delete childEnv.VITEST_WORKER_ID
  delete childEnv.VITEST_POOL_ID
  delete childEnv.NODE_OPTIONS
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [vitestBin, 'run', '--root', dir, ...args],
      { env: childEnv, cwd: dir, timeout: 120_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1
        resolve({ code, output: `${stdout}\n${stderr}` })
      },
    )
  })
}
