#!/usr/bin/env bash
# npm run bench: whole-process timings of the bundle on a hermetic engine (needs root).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f dist/index.js ] || npm run -s bundle
npx tsc -p tsconfig.json --outDir .build
node .build/test/bench/plan-bench.js
exec node .build/test/bench/bench.js
