#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs every Cowl test: installs what is missing, builds the default preset, then
# runs CTest inside a network namespace of its own (nothing a test does can reach
# the host's network), with a D-Bus session and an unlocked keyring for QtKeychain
# and Qt's offscreen platform for the console.
#   tests/run.sh                 everything
#   tests/run.sh -R shared/      extra arguments go to ctest
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

if [ "$(id -u)" -ne 0 ]; then
  echo "tests/run.sh: the suite runs real LXC containers and nftables in a network namespace; run it as root (sudo tests/run.sh)." >&2
  exit 2
fi

installers/deps.sh build node console test

# One ccache for every checkout of this tree on the machine: paths are made relative
# to the checkout, so a fresh clone (CI) reuses what a developer already compiled.
export CCACHE_BASEDIR="$top" CCACHE_NOHASHDIR=1
cmake --preset default >/dev/null
cmake --build --preset default

# Inside: loopback up, a private D-Bus session, an unlocked gnome-keyring.
exec unshare --net --mount --propagation private -- bash -c '
  set -euo pipefail
  ip link set lo up
  export QT_QPA_PLATFORM=offscreen
  exec dbus-run-session -- bash -c "
    set -euo pipefail
    echo -n cowl-test-keyring | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    cd build/default
    ctest --output-on-failure --timeout 900 \"\$@\"
  " bash "$@"
' bash "$@"
