#!/usr/bin/env bash
# npm run bench:week [-- --full | --policies a,b | --day-seconds N | --seed N | --out DIR]:
# the week replay (test/bench/week.ts) on hermetic engines (needs root). Builds the bundle
# first when dist/ is missing; the catalogue is cached under .bench/.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f dist/index.js ] || npm run -s bundle
npx tsc -p tsconfig.json --outDir .build
exec node .build/test/bench/week.js "$@"
