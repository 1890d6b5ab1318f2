#!/usr/bin/env bash
# Builds, tests, checks and packs every public package into ./release/, ready for
# `npm publish ./release/<tarball>`. Versions move together (see docs/releasing.md):
#   scripts/release.sh 0.2.0
set -euo pipefail
cd "$(dirname "$0")/.."
version=${1:?usage: scripts/release.sh VERSION}

# One version for every public package, and for their dependencies on each other.
node -e '
const fs = require("fs"), v = process.argv[1]
const dirs = fs.readdirSync("packages").map((d) => "packages/" + d)
for (const d of dirs) {
  const f = d + "/package.json", p = JSON.parse(fs.readFileSync(f, "utf8"))
  if (p.private) continue
  p.version = v
  for (const dep of ["dependencies", "peerDependencies"]) {
    for (const name of Object.keys(p[dep] ?? {})) if (name.startsWith("@querycost/")) p[dep][name] = v
  }
  fs.writeFileSync(f, JSON.stringify(p, null, 2) + "\n")
}' "$version"
npm install --no-audit --no-fund
npm run lint
npm test
npm run check:packages
rm -rf release && mkdir release
for dir in packages/*/; do
  if [ "$(node -p "require('./${dir}package.json').private === true")" = false ]; then
    (cd "$dir" && npm pack --silent --pack-destination ../../release)
  fi
done
ls -l release
echo "Review, commit the version change, tag v$version, then: for t in release/*.tgz; do npm publish \"\$t\" --access public; done"
