#!/usr/bin/env bash
# The whole suite, as `npm test` runs it: types, lint, unit + integration, end-to-end.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== svelte-check"; npm run -s check
echo "== lint"; npm run -s lint
echo "== vitest (unit + integration)"; npx vitest run
echo "== playwright (end-to-end)"; bash scripts/e2e.sh
