#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests when it is missing and we may install it.
# Playwright's own browser download does not work offline; the tests use /usr/bin/chromium.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
    exit 0
fi
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Chromium for the browser tests (apt-get) ..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
    echo "Chromium not found and cannot be installed without root: browser tests will be skipped." >&2
fi
