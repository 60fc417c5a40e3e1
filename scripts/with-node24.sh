#!/usr/bin/env bash
# Runs a command with Node.js 24 first on PATH (installed on demand by scripts/node24.sh).
set -euo pipefail
export PATH="$(bash "$(dirname "${BASH_SOURCE[0]}")/node24.sh"):$PATH"
exec "$@"
