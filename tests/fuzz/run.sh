#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the libFuzzer targets (preset "fuzz", clang) and runs each for a
# bounded time on a copy of its corpus in the repo, so a run never rewrites the
# checked-in seeds. New findings (crash-*, leak-*) land in build/fuzz/findings.
#   tests/fuzz/run.sh            every target, 60 s each
#   tests/fuzz/run.sh 10         10 s each
#   tests/fuzz/run.sh 60 fuzz_request_head
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_proxy_route fuzz_request_head)

export CCACHE_BASEDIR="$top" CCACHE_NOHASHDIR=1
cd "$top"
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz --target "${targets[@]}"

findings="$top/build/fuzz/findings"
mkdir -p "$findings"
status=0
for target in "${targets[@]}"; do
  seeds="$top/tests/fuzz/corpus/${target#fuzz_}"
  work="$top/build/fuzz/corpus/${target#fuzz_}"
  mkdir -p "$work"
  cp -n "$seeds"/* "$work"/ 2>/dev/null || true
  echo "== $target: ${seconds} s"
  if ! "$top/build/fuzz/tests/fuzz/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
       -artifact_prefix="$findings/$target-" -print_final_stats=1 "$work" 2>"$findings/$target.log"; then
    echo "$target FAILED: see $findings/$target.log and $findings/$target-*" >&2
    status=1
  fi
  grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb|^#[0-9]+ *DONE' "$findings/$target.log" || true
  echo "corpus: $(ls "$work" | wc -l) inputs"
done
exit $status
