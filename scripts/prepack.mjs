// Run by `npm pack` / `npm publish` in a package folder: ships the repository's
// LICENSE in every tarball (the copy is ignored by git; the root file is the one kept).
import { copyFileSync } from 'node:fs'

copyFileSync(new URL('../LICENSE', import.meta.url), 'LICENSE')
