import { relative } from 'node:path'
import { performance } from 'node:perf_hooks'
import { renderDemo } from './print.js'
import { querycostStep } from './querycost-step.js'
import { runDemo } from './run-demo.js'

// `npm run demo`: run it, print what the traffic cost, exit 0 (1 if anything failed).
try {
  const started = performance.now()
  const result = await runDemo()
  const lines = renderDemo({ ...result, outFile: relative(process.env.INIT_CWD ?? process.cwd(), result.outFile) || result.outFile })
  lines.push('', ...(await querycostStep(result.outFile, process.env.INIT_CWD ?? process.cwd())))
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  process.stdout.write(`${lines.join('\n')}\n\nDone in ${seconds} s; everything it started is closed.\n`)
} catch (error) {
  process.stderr.write(`demo failed: ${error?.stack ?? error}\n`)
  process.exitCode = 1
}
