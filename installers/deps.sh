#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs the Debian packages Cowl needs, only those missing.
# Usage: installers/deps.sh [build|node|console|test|bench]...   (default: build node console)
set -euo pipefail

build_pkgs=(build-essential cmake ninja-build ccache pkg-config libssl-dev nlohmann-json3-dev libspdlog-dev
  libboost-dev libnghttp2-dev lxc-dev libnftables-dev qt6-base-dev qt6-websockets-dev qt6-tools-dev
  qt6-l10n-tools linguist-qt6 qt6-svg-dev qtkeychain-qt6-dev)
node_pkgs=(lxc lxc-templates busybox-static nftables btrfs-progs iproute2 wireguard-tools wireguard-go
  debootstrap openssl)
console_pkgs=(gnome-keyring dbus-x11 libsecret-tools)
test_pkgs=(curl nghttp2-client python3-jwt python3-requests python3-websocket wrk nginx haproxy microsocks
  dante-server testssl.sh xvfb xauth clang libclang-rt-14-dev imagemagick procps util-linux)
# tests/bench/proxy.sh: the peers, the load clients, the no-resumption shim (gcc + libssl-dev), perf for profiles
bench_pkgs=(nginx haproxy wrk nghttp2-client curl lxc build-essential libssl-dev util-linux iproute2 linux-perf
  python3-requests python3-websocket)

sets=("$@")
[ ${#sets[@]} -gt 0 ] || sets=(build node console)

wanted=()
for set in "${sets[@]}"; do
  case "$set" in
    build) wanted+=("${build_pkgs[@]}") ;;
    node) wanted+=("${node_pkgs[@]}") ;;
    console) wanted+=("${console_pkgs[@]}") ;;
    test) wanted+=("${test_pkgs[@]}") ;;
    bench) wanted+=("${bench_pkgs[@]}") ;;
    *) echo "deps.sh: unknown package set '$set' (use build, node, console, test or bench)" >&2; exit 2 ;;
  esac
done

missing=()
for pkg in "${wanted[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
  [ "$status" = "installed" ] || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  echo "deps.sh: installing ${missing[*]} needs root; asking sudo." >&2
  sudo=(sudo)
fi
echo "deps.sh: installing ${missing[*]}" >&2
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
