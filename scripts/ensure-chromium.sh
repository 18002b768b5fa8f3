#!/usr/bin/env bash
# Playwright drives the system Chromium; a browser download cannot work here. Install Debian's
# package when we can (root with apt-get), otherwise say how in one line.
set -euo pipefail
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$chromium" ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
	echo "Installing Debian's chromium for the end-to-end tests…"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null || {
		apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null
	}
	exit 0
fi
echo "Chromium is missing: install it (sudo apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium binary." >&2
exit 1
