#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Proxy benchmark: Cowl's proxy, nginx and HAProxy side by side in one run,
# each terminating TLS with Host routing and an HTTP Basic check in front of
# the same upstream (nginx inside a real container's network namespace).
# Prints req/s, p50/p99, MB/s, proxy CPU µs per request, other processes' CPU,
# Cowl's ratio to each peer, p99 at half of peak and the node's RSS during a
# 1 GiB transfer. See docs/benchmarks.md.
#   tests/bench/proxy.sh [--quick] [--build DIR | --node PATH] [--peers cowl,nginx,haproxy]
#                        [--seconds N] [--rounds N] [--peer-auth cheap|crypt] [--json FILE] [--keep]
# Root (LXC, network namespace). Runs in a network namespace of its own.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
export COWL_BUILD_DIR=${COWL_BUILD_DIR:-$top/build/default}

if [ "${COWL_BENCH_NETNS:-}" != "$$" ] && [ -z "${COWL_BENCH_INSIDE:-}" ]; then
  exec env COWL_BENCH_INSIDE=1 unshare -n "$0" "$@"
fi
ip link set lo up
ulimit -n 65536 2>/dev/null || true
cd "$top"
exec /usr/bin/python3 "$here/proxy/bench.py" "$@"
