#!/usr/bin/env bash
# npm run demo: compile the test bench and run the demo against a disposable engine (needs root).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f dist/index.js ] || npm run -s bundle
npx tsc -p tsconfig.json --outDir .build
exec node .build/test/bench/demo.js
