#!/usr/bin/env bash
# Runs a command with glibc's malloc asking the kernel for transparent huge pages, so the server's
# in-memory indexes (gigabytes of typed arrays) sit on 2 MiB pages instead of 4 KiB ones
# (docs/configuration.md, "Memory: huge pages"). `npm start` and the benchmarks run through it.
# A GLIBC_TUNABLES of the caller's own comes after this setting, and glibc takes the last one.
set -euo pipefail
export GLIBC_TUNABLES="glibc.malloc.hugetlb=1${GLIBC_TUNABLES:+:$GLIBC_TUNABLES}"
exec "$@"
