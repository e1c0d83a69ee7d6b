#!/usr/bin/env bash
# Full test suite for a fresh machine: dependencies, Chromium for browser tests,
# type check, unit/property/physics tests and headless-browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules/vitest ] || npm install --no-audit --no-fund
bash scripts/ensure-chromium.sh
bash scripts/ensure-redis.sh
npx tsc --noEmit -p tsconfig.json
mkdir -p test-artifacts
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json=test-artifacts/vitest.json "$@" || status=$?
node scripts/summarize-tests.mjs test-artifacts/vitest.json || status=1
exit $status
