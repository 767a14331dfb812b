#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Snapshot and restore time of the real SnapshotStore, 1 MiB and 1 GiB of
# container data, on btrfs (loop image) and on a plain directory, in one run.
# Target: btrfs 1 GiB snapshot <= 2x the 1 MiB one, both < 100 ms.
#   tests/bench/snapshots.sh [BUILD_DIR]     (root; default build/default)
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-${COWL_BUILD_DIR:-$top/build/default}}
exec "$build/tests/node_SnapshotStoreTest" bench
