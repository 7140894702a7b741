#!/usr/bin/env bash
# Installs citeproc-js (the version pinned in package-lock.json) into node_modules/ here.
# Needs Node.js and npm (Debian: apt-get install nodejs npm).
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -f node_modules/citeproc/package.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
