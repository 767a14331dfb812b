#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Create + start of a busybox container through ContainerRuntime until its
# HTTP server answers the host over IPv6: 10 runs, median. Target < 1 s.
# Runs in a network namespace of its own (the bench binary unshares itself).
#   tests/bench/container_start.sh [BUILD_DIR]     (root; default build/default)
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-${COWL_BUILD_DIR:-$top/build/default}}
exec "$build/tests/node_LxcRuntimeTest" bench
