#!/usr/bin/env bash
# End-to-end tests: build, make a throwaway PostgreSQL database, run Playwright in the system
# Chromium against `node server.js`, drop the database. Extra arguments go to Playwright.
set -euo pipefail
cd "$(dirname "$0")/.."

# One end-to-end run at a time per checkout: runs share build/ and the test ports.
if [ -z "${TOGETHER_E2E_LOCKED:-}" ] && command -v flock >/dev/null 2>&1; then
	export TOGETHER_E2E_LOCKED=1
	exec flock "${TMPDIR:-/tmp}/together-e2e-$(pwd | md5sum | cut -c1-8).lock" bash "$0" "$@"
fi

bash scripts/ensure-chromium.sh

admin_url="${TEST_DATABASE_URL:-}"
if [ -z "$admin_url" ] && node -e "require('node:net').connect(5432,'127.0.0.1').on('connect',()=>process.exit(0)).on('error',()=>process.exit(1))" 2>/dev/null; then
	admin_url="postgres://postgres@127.0.0.1:5432/postgres"
fi
if [ -z "$admin_url" ]; then
	echo "End-to-end tests need PostgreSQL: set TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres)." >&2
	exit 1
fi

if [ "${SKIP_BUILD:-}" != "1" ]; then npm run -s build; fi

name="together_e2e_$$_$(date +%s)"
export E2E_DATABASE_URL
E2E_DATABASE_URL=$(ADMIN_URL="$admin_url" NAME="$name" node scripts/test-database.js create)
cleanup() { ADMIN_URL="$admin_url" NAME="$name" node scripts/test-database.js drop || true; }
trap cleanup EXIT

npx playwright test "$@"
