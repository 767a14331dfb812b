#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Cowl quickstart: from a checkout to a console connected to a local node.
#   1. installs missing Debian packages (installers/deps.sh)
#   2. configures and builds (cmake --preset default)
#   3. initialises a node state directory, once
#   4. starts cowl-node serve in the background, once (with sudo when not root:
#      the node runs LXC containers and nftables, which need root)
#   5. opens the cowl console connected to it (fingerprint pinned, token in the
#      keychain), or, without a display, prints the connection string.
# Running it again is safe: it finds the node running and just opens the console
# with a fresh token.
#
# usage: installers/quickstart.sh [--no-deps] [--no-build] [--state-dir DIR]
#                                 [--control-listen ADDR:PORT] [--stop]
# environment: COWL_BUILD_DIR  build directory to use (default: build/default)
#              COWL_STATE_DIR  same as --state-dir
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
say() { echo "quickstart: $*" >&2; }
die() { echo "quickstart: $*" >&2; exit 1; }

deps=1 build=1 stop=0
state_dir=${COWL_STATE_DIR:-}
control_listen=127.0.0.1:7443
while [ $# -gt 0 ]; do
  case "$1" in
    --no-deps) deps=0 ;;
    --no-build) build=0 ;;
    --stop) stop=1 ;;
    --state-dir) [ $# -ge 2 ] || die "--state-dir needs a directory"; state_dir=$2; shift ;;
    --control-listen) [ $# -ge 2 ] || die "--control-listen needs ADDR:PORT"; control_listen=$2; shift ;;
    -h|--help) sed -n '3,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "quickstart: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  as_root=(sudo)
  : "${state_dir:=${XDG_DATA_HOME:-$HOME/.local/share}/cowl/node}"
else
  : "${state_dir:=/var/lib/cowl-node}"
fi
build_dir=${COWL_BUILD_DIR:-$top/build/default}
node_bin=$build_dir/node/cowl-node
console_bin=$build_dir/app/cowl
pid_file=$state_dir/serve.pid
log_file=$state_dir/serve.log

# The node holds an flock on $state_dir/lock for as long as it runs: that, not a
# pid file that may be stale, says whether it is running.
node_running() {
  [ -e "$state_dir/lock" ] && ! flock -n "$state_dir/lock" true 2>/dev/null
}

if [ "$stop" -eq 1 ]; then
  if ! node_running; then say "no node is running in $state_dir"; exit 0; fi
  [ -s "$pid_file" ] || die "the node in $state_dir runs but $pid_file is missing; stop it with: sudo pkill -TERM -f 'cowl-node serve --state-dir $state_dir'"
  say "stopping the node (pid $(cat "$pid_file"))"
  "${as_root[@]}" kill -TERM "$(cat "$pid_file")"
  for _ in $(seq 1 100); do node_running || break; sleep 0.1; done
  node_running && die "the node did not stop within 10 s; see $log_file"
  "${as_root[@]}" rm -f "$pid_file"
  say "stopped"
  exit 0
fi

if [ "$deps" -eq 1 ]; then
  "$top/installers/deps.sh" build node console
fi

if [ "$build" -eq 1 ]; then
  say "configuring and building in $build_dir (the first build takes a while)"
  if [ -z "${COWL_BUILD_DIR:-}" ]; then
    (cd "$top" && cmake --preset default >/dev/null && cmake --build --preset default)
  else
    cmake -S "$top" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
    cmake --build "$build_dir"
  fi
fi
[ -x "$node_bin" ] || die "$node_bin is missing: build first (run without --no-build, or set COWL_BUILD_DIR)"

connection=""
if [ -e "$state_dir/node.json" ]; then
  say "node state in $state_dir already exists; keeping it"
else
  say "initialising a node in $state_dir"
  mkdir -p "$(dirname "$state_dir")"
  connection=$("$node_bin" init --state-dir "$state_dir" --control-listen "$control_listen")
fi

if node_running; then
  say "the node in $state_dir is already running; not starting a second one"
else
  if [ ${#as_root[@]} -gt 0 ]; then
    say "the node runs as root (LXC containers and nftables need it); asking sudo to start it"
    sudo -v # ask for the password now, in the foreground
  fi
  : > "$log_file"
  # sh writes its own pid, then becomes cowl-node: the pid file names the node itself.
  "${as_root[@]}" setsid sh -c 'echo $$ > "$1"; shift; exec "$@"' sh "$pid_file" \
    "$node_bin" serve --state-dir "$state_dir" >>"$log_file" 2>&1 </dev/null &
  ready=0
  for _ in $(seq 1 300); do
    if grep -q '^cowl-node: ready control=' "$log_file" 2>/dev/null; then ready=1; break; fi
    if [ -s "$pid_file" ] && ! kill -0 "$(cat "$pid_file")" 2>/dev/null && ! node_running; then break; fi
    sleep 0.1
  done
  if [ "$ready" -ne 1 ]; then
    tail -n 20 "$log_file" >&2 || true
    die "the node did not come up; its log is $log_file"
  fi
  say "node started (pid $(cat "$pid_file")), $(grep -m1 '^cowl-node: ready' "$log_file" | sed 's/^cowl-node: //'); log: $log_file"
fi

if [ -z "$connection" ]; then
  # The operator token was shown once at init; a later run gets a token of its own.
  connection=$("${as_root[@]}" "$node_bin" token create --state-dir "$state_dir" --name quickstart --role admin)
fi

stop_hint="stop the node with: $0 --stop${state_dir:+ --state-dir $state_dir}"
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -x "$console_bin" ]; then
  say "opening the console, connected to the node"
  nohup "$console_bin" --connect "$connection" >"$state_dir/console.log" 2>&1 </dev/null &
  say "$stop_hint"
else
  if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    say "no display (\$DISPLAY and \$WAYLAND_DISPLAY are unset), so no console; the node keeps running."
  else
    say "the console ($console_bin) is not built; the node keeps running."
  fi
  say "connect a console with the connection string below (it holds an admin token: keep it secret):"
  say "  cowl --connect '<connection string>'"
  say "$stop_hint"
  echo "$connection"
fi
