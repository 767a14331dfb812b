#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Renders the console to PNG against a real node, so anyone can look at it
# without a display: starts cowl-node on a free loopback port, fills it with a
# few realms, projects and containers through the API (curl), adds a second
# fleet entry whose pinned fingerprint is wrong (to show the blocked state),
# then runs `cowl --render-screenshots` under QT_QPA_PLATFORM=offscreen.
#   tests/app/render_screenshots.sh [BUILD_DIR] [OUT_DIR]
# Defaults: build/default and docs/screenshots. Runs itself in a private
# network namespace with a private D-Bus session and keyring when it can.
# $COWL_NODE overrides the node binary.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-$top/build/default}" && pwd)
out=${2:-$top/docs/screenshots}
mkdir -p "$out"
out=$(cd "$out" && pwd)

if [ -z "${COWL_RENDER_INSIDE:-}" ]; then
  export COWL_RENDER_INSIDE=1
  if [ "$(id -u)" -eq 0 ]; then
    exec unshare --net -- bash -c 'ip link set lo up; exec dbus-run-session -- "$0" "$@"' "$0" "$build" "$out"
  fi
  exec dbus-run-session -- "$0" "$build" "$out"
fi

node=${COWL_NODE:-$build/node/cowl-node}
cowl=$build/app/cowl
for binary in "$node" "$cowl"; do
  [ -x "$binary" ] || { echo "render_screenshots: $binary is missing; build it first (ninja -C $build cowl cowl-node)." >&2; exit 2; }
done

# The keyring password is the one tests/run.sh uses, so an existing login keyring unlocks.
echo -n cowl-test-keyring | gnome-keyring-daemon --unlock --components=secrets >/dev/null

work=$(mktemp -d)
serve_pid=
cleanup() {
  if [ -n "$serve_pid" ]; then kill "$serve_pid" 2>/dev/null || true; wait "$serve_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
connection=$("$node" init --state-dir "$work/state" --control-listen "127.0.0.1:$port" | grep '^cowl://' | tail -n1)
[ -n "$connection" ] || { echo "render_screenshots: cowl-node init printed no connection string." >&2; exit 1; }
"$node" serve --state-dir "$work/state" >"$work/serve.log" 2>&1 &
serve_pid=$!
for _ in $(seq 1 150); do
  grep -q 'cowl-node: ready' "$work/serve.log" && break
  kill -0 "$serve_pid" 2>/dev/null || { cat "$work/serve.log" >&2; exit 1; }
  sleep 0.2
done
grep -q 'cowl-node: ready' "$work/serve.log" || { echo "render_screenshots: cowl-node serve did not become ready." >&2; exit 1; }

token=${connection##*token=}
fingerprint=${connection#*fingerprint=}; fingerprint=${fingerprint%%&*}
base="https://127.0.0.1:$port/api/v1"
# -k: the node's certificate is self-issued; this only talks to the node this script just started.
api() { curl -sk -H "Authorization: Bearer $token" -H 'Content-Type: application/json' "$@"; }
field() { /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin).get(sys.argv[1], ""))' "$1"; }

acme=$(api -X POST "$base/realms" -d '{"name":"acme"}' | field id)
shop=$(api -X POST "$base/projects" -d '{"name":"shop"}' | field id)
api -X POST "$base/projects" -d '{"name":"blog"}' >/dev/null
api -X POST "$base/projects" -d "{\"name\":\"intranet\",\"realm_id\":\"$acme\"}" >/dev/null
for name in web db; do
  answer=$(api -X POST "$base/projects/$shop/containers" -d "{\"name\":\"$name\",\"template\":\"busybox\"}")
  id=$(echo "$answer" | field id)
  if [ -z "$id" ]; then
    echo "render_screenshots: container $name not created (the pictures show projects only): $answer" >&2
    continue
  fi
  if [ "$name" = web ]; then
    programs=$(api "$base/containers/$id/programs")
    version=$(echo "$programs" | field version)
    api -X PUT -H "If-Match: \"${version:-1}\"" "$base/containers/$id/programs" \
      -d '{"programs":{"http":8080,"terminal":7681}}' >/dev/null || true
    # An alias with its risk, and snapshots where the node can take them.
    api -X POST "$base/aliases" -d "{\"alias\":\"docs\",\"container_id\":\"$id\",\"program\":\"http\"}" >/dev/null || true
    api -X POST "$base/containers/$id/snapshots" -d '{"label":"before upgrade","expires_in_days":30}' >/dev/null || true
    api -X POST "$base/containers/$id/snapshots" -d '{}' >/dev/null || true
  else
    # A locked-down container, for the badge.
    settings=$(api "$base/containers/$id/proxy/settings")
    version=$(echo "$settings" | field version)
    api -X PATCH -H "If-Match: \"${version:-0}\"" "$base/containers/$id/proxy/settings" \
      -d '{"enable_proxy":false}' >/dev/null || true
  fi
done
# The project's access document: an operator group with a password, from one network only.
api -X PUT "$base/projects/$shop/proxy/permissions" -d '{"groups":{"ops":{"type":"password","username":"ops",
  "password":"example-only-password","from":["2001:db8::/32"]},"office":{"type":"ip","cidrs":["2001:db8:1::/48"]}},
  "permissions":{"ops":{"*":true},"office":{"http":true}},"default":"deny"}' >/dev/null || true
api -X PUT "$base/projects/$shop/snapshots/schedule" \
  -d '{"enabled":true,"retention":{"hourly":24,"daily":7,"weekly":4,"monthly":6},"prune_labelled":false}' >/dev/null || true

export XDG_CONFIG_HOME=$work/config QT_QPA_PLATFORM=offscreen
# A fleet entry for the same node under another name, with a wrong pin: it must show as blocked.
wrong=$(echo "$fingerprint" | sed 's/^./0/; t; s/^./1/')
[ "$wrong" != "$fingerprint" ] || wrong=$(echo "$fingerprint" | sed 's/^./1/')
LANG=C.UTF-8 LANGUAGE=en "$cowl" --connect "cowl://localhost:$port/?fingerprint=$wrong&token=$token" \
  --render-screenshots "$work" >/dev/null
LANG=C.UTF-8 LANGUAGE=en "$cowl" --connect "$connection" --render-screenshots "$out"
mkdir -p "$work/de"
LANG=de_DE.UTF-8 LANGUAGE=de "$cowl" --render-screenshots "$work/de" >/dev/null
cp "$work/de/main-window.png" "$out/main-window-de.png"
echo "$out/main-window-de.png"
