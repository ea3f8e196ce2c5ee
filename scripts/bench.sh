#!/usr/bin/env bash
# npm run bench: whole-process timings of the bundle on a hermetic engine (needs root).
# BENCH_NODES: the Node binaries to time, comma-separated; by default the one the action runs
# on (Node 24), the other LTS line (22), both from scripts/node.sh, and this machine's own.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f dist/index.js ] || npm run -s bundle
npx tsc -p tsconfig.json --outDir .build
node .build/test/bench/plan-bench.js
export BENCH_NODES=${BENCH_NODES:-$(bash scripts/node.sh 24),$(bash scripts/node.sh 22),$(command -v node)}
exec node .build/test/bench/bench.js
