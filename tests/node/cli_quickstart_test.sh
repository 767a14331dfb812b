#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# installers/quickstart.sh in a temporary HOME without a display, reusing the
# build (--no-build): it must leave a node running that answers with the token
# it printed, find that node on a second run (no second node, a fresh token),
# and stop it with --stop.
set -euo pipefail
source_dir=${COWL_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
build_dir=${COWL_BUILD_DIR:-$source_dir/build/default}

work=$(mktemp -d /tmp/cowl-quickstart-test.XXXXXX)
state=$work/state
cleanup() {
  "$source_dir/installers/quickstart.sh" --stop --state-dir "$state" >/dev/null 2>&1 || true
  if [ -s "$state/serve.pid" ] && kill -0 "$(cat "$state/serve.pid")" 2>/dev/null; then
    kill -KILL "$(cat "$state/serve.pid")" || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$work/home"
quickstart() {
  env -u DISPLAY -u WAYLAND_DISPLAY HOME="$work/home" COWL_BUILD_DIR="$build_dir" \
    "$source_dir/installers/quickstart.sh" --no-build --state-dir "$state" --control-listen "127.0.0.1:$port" "$@"
}
pattern='^cowl://127\.0\.0\.1:'"$port"'/\?fingerprint=[0-9a-f]{64}&token=cowl_[0-9a-f]{64}$'
token_of() { sed 's/.*token=//' <<<"$1"; }
fingerprint_of() { sed 's/.*fingerprint=\([0-9a-f]*\)&.*/\1/' <<<"$1"; }
api_status() {
  curl -sk -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $1" "https://127.0.0.1:$port/api/v1/node"
}

# First run: initialises, starts, prints the connection string.
first=$(quickstart 2>"$work/err1") || { cat "$work/err1" >&2; fail "first run failed"; }
[ "$(wc -l <<<"$first")" -eq 1 ] || fail "stdout is not one line: $first"
grep -Eq "$pattern" <<<"$first" || fail "not a connection string: $first"
grep -q "no display" "$work/err1" || fail "did not say there is no display"
grep -q -- "--stop" "$work/err1" || fail "did not say how to stop the node"
pid=$(cat "$state/serve.pid")
kill -0 "$pid" || fail "no node running after the first run"
[ "$(api_status "$(token_of "$first")")" = 200 ] || fail "the node does not accept the printed token"
served=$(openssl s_client -connect "127.0.0.1:$port" </dev/null 2>/dev/null | openssl x509 -outform DER | sha256sum | cut -d' ' -f1)
[ "$served" = "$(fingerprint_of "$first")" ] || fail "fingerprint $(fingerprint_of "$first") is not the served certificate's ($served)"

# Second run: the same node, a fresh token.
second=$(quickstart 2>"$work/err2") || { cat "$work/err2" >&2; fail "second run failed"; }
grep -Eq "$pattern" <<<"$second" || fail "second run: not a connection string: $second"
grep -q "already exists" "$work/err2" || fail "second run did not keep the state"
grep -q "already running" "$work/err2" || fail "second run did not find the node running"
[ "$(cat "$state/serve.pid")" = "$pid" ] || fail "second run replaced the node"
[ "$(pgrep -fc "cowl-node serve --state-dir $state")" -eq 1 ] || fail "more than one node serves $state"
[ "$(token_of "$second")" != "$(token_of "$first")" ] || fail "second run reused the operator token"
[ "$(api_status "$(token_of "$second")")" = 200 ] || fail "the fresh token is not accepted"
[ "$(fingerprint_of "$second")" = "$(fingerprint_of "$first")" ] || fail "fingerprint changed between runs"

# Stop.
quickstart --stop 2>"$work/err3" || { cat "$work/err3" >&2; fail "--stop failed"; }
for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
kill -0 "$pid" 2>/dev/null && fail "the node still runs after --stop"
[ "$(api_status "$(token_of "$second")")" = 000 ] || fail "something still answers on port $port"
echo "quickstart: first run, second run and stop behave"
