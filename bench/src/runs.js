import { readdirSync, readFileSync } from 'node:fs'

/**
 * Every `<stem>-node<major>.json` in the folder `dir` (a URL ending in `/`), parsed, lowest
 * Node major first; none when the folder is missing. The bench's runs (`out/results-…`)
 * and the instruction counts (`instructions/instructions-…`) are both kept one per major.
 */
export function readRuns(dir, stem) {
  let files = []
  try {
    files = readdirSync(dir).filter((f) => f.startsWith(`${stem}-node`) && /-node\d+\.json$/.test(f))
  } catch {}
  return files
    .map((f) => JSON.parse(readFileSync(new URL(f, dir), 'utf8')))
    .sort((a, b) => Number(a.node.slice(1).split('.')[0]) - Number(b.node.slice(1).split('.')[0]))
}
