# SPDX-License-Identifier: GPL-3.0-or-later
"""Cowl's side of the benchmark, set up the way an operator would: init a node
in a temporary state directory, serve it with --proxy-listen, and through the
control API create a project and a busybox container, start it, give it the
program table http -> 80 and a permissions document with one password group."""

import os
import re
import select
import signal
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "node", "lib"))

from cowlnode import API, ApiClient, ConnectionString, free_port  # noqa: E402

from peers import PASSWORD, USERNAME  # noqa: E402

READY = re.compile(r"cowl-node: ready control=(\S+)(?: proxy=(\S+))?")


def serve_supports_proxy(node_binary):
    """Empty when `serve --proxy-listen` exists, else why Cowl cannot be measured."""
    if not os.access(node_binary, os.X_OK):
        return f"{node_binary} is not built (ninja -C BUILD cowl-node)"
    result = subprocess.run([node_binary, "serve", "--help"], capture_output=True, text=True)
    if "--proxy-listen" not in result.stdout + result.stderr:
        return (f"`{node_binary} serve` has no --proxy-listen (built before the proxy was wired into serve? "
                f"rebuild it: ninja -C BUILD cowl-node)")
    return ""


class CowlNode:
    """A node serving its proxy on [::1]:proxy_port with one container behind it."""

    def __init__(self, node_binary, directory, proxy_port):
        self.binary = node_binary
        self.state = os.path.join(directory, "state")
        self.proxy_port = proxy_port
        self.process = None
        init = subprocess.run([node_binary, "init", "--state-dir", self.state, "--node-name", "bench",
                               "--domain", "cowl.test", "--control-listen", f"127.0.0.1:{free_port()}",
                               "--proxy-listen", f"[::1]:{proxy_port}"],
                              capture_output=True, text=True)
        if init.returncode != 0:
            raise RuntimeError(f"cowl-node init failed: {init.stderr.strip()}")
        self.connection = ConnectionString(init.stdout.strip().splitlines()[-1])
        self.cert = os.path.join(self.state, "pki", "proxy.crt")
        self.key = os.path.join(self.state, "pki", "proxy.key")
        self.container_id = None
        try:
            self._serve()
        except BaseException:
            self.stop()
            raise
        self.api = ApiClient(self.base_url, self.connection.fingerprint, self.connection.token)

    def _serve(self):
        self.serve_log = open(os.path.join(os.path.dirname(self.state), "cowl-node.log"), "ab")
        self.process = subprocess.Popen(
            [self.binary, "serve", "--state-dir", self.state, "--control-listen", "127.0.0.1:0",
             "--proxy-listen", f"[::1]:{self.proxy_port}", "--log-level", "warn"],
            stdout=subprocess.PIPE, stderr=self.serve_log, stdin=subprocess.DEVNULL, text=True,
            start_new_session=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.process.stdout], [], [], 0.5)
            if ready:
                line = self.process.stdout.readline()
                match = READY.search(line)
                if match:
                    host, port = match.group(1).rsplit(":", 1)
                    self.base_url = f"https://{host}:{port}"
                    return
                if not line:
                    break
        raise RuntimeError(f"cowl-node serve did not print its ready line; see "
                           f"{self.serve_log.name} (exit {self.process.poll()})")

    @property
    def pid(self):
        return self.process.pid

    def pids(self):
        # Only the node process: container processes and liblxc helpers are not the proxy.
        return [self.process.pid]

    def _call(self, method, path, body=None, expect=(200, 201), **kw):
        reply = self.api.request(method, API + path, body, **kw)
        if reply.status_code not in expect:
            raise RuntimeError(f"{method} {path}: {reply.status_code} {reply.text[:500]}")
        return reply.json() if reply.content else None

    def make_container(self):
        """Creates, starts and opens the bench container; returns its http host name."""
        project = self._call("POST", "/projects", {"name": "bench"})
        container = self._call("POST", f"/projects/{project['id']}/containers",
                               {"name": "upstream", "template": "busybox"})
        self.container_id = container["id"]
        self._wait_status("stopped", "running")
        if self._call("GET", f"/containers/{self.container_id}")["status"] != "running":
            self._call("POST", f"/containers/{self.container_id}/start", expect=(200, 202, 204))
            self._wait_status("running")
        programs = self._call("GET", f"/containers/{self.container_id}/programs")
        self._call("PUT", f"/containers/{self.container_id}/programs", {"programs": {"http": 80}},
                   if_match=programs["version"])
        self._call("PUT", f"/projects/{project['id']}/proxy/permissions",
                   {"groups": {"bench": {"type": "password", "username": USERNAME, "password": PASSWORD}},
                    "permissions": {"bench": {"http": True}}, "default": "deny"})
        container = self._call("GET", f"/containers/{self.container_id}")
        url = next(u["url"] for u in container["urls"] if u["program"] == "http")
        return url.split("://", 1)[1].split("/", 1)[0]

    def _wait_status(self, *wanted, timeout=120):
        deadline = time.monotonic() + timeout
        status = None
        while time.monotonic() < deadline:
            container = self._call("GET", f"/containers/{self.container_id}")
            status = container["status"]
            if status in wanted:
                return
            if status == "failed":
                raise RuntimeError(f"container failed: {container.get('status_reason')}")
            time.sleep(0.2)
        raise RuntimeError(f"container stayed {status}, wanted {' or '.join(wanted)}")

    def container_network(self):
        """(init pid, IPv6 address) of the container, from lxc-info under the node's lxcpath."""
        lxcpath = self._lxcpath()
        info = subprocess.run(["lxc-info", "-P", lxcpath, "-n", self.container_id, "-p", "-i", "-H"],
                              capture_output=True, text=True, check=True).stdout
        pid, addresses = None, []
        for line in info.splitlines():
            label, _, value = line.partition(":")
            value = value.strip()
            if label == "PID":
                pid = int(value)
            elif label == "IP" and ":" in value and not value.startswith("fe80"):
                addresses.append(value)
        if pid is None or not addresses:
            raise RuntimeError(f"container {self.container_id}: no init pid or global IPv6 address "
                               f"in lxc-info:\n{info}")
        return pid, addresses[0]

    def _lxcpath(self):
        """The directory holding <id>/config: the node keeps its lxcpath under the state directory."""
        for root, dirs, _ in os.walk(self.state):
            if self.container_id in dirs and os.path.exists(os.path.join(root, self.container_id, "config")):
                return root
            if root.count(os.sep) - self.state.count(os.sep) >= 3:
                dirs.clear()
        raise RuntimeError(f"no lxcpath with container {self.container_id} under {self.state}")

    def stop(self):
        """Stops the node, then makes sure its container is gone (also when the node could not)."""
        if self.process is not None and self.process.poll() is None:
            if self.container_id is not None:
                try:
                    self._call("POST", f"/containers/{self.container_id}/force-stop",
                               expect=(200, 202, 204, 404, 409), timeout=60)
                except Exception as error:  # the lxc-stop below still runs
                    print(f"bench: stopping the container through the API: {error}", file=sys.stderr)
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        if self.container_id is not None:
            try:
                lxcpath = self._lxcpath()
            except RuntimeError:
                lxcpath = None
            if lxcpath:
                subprocess.run(["lxc-stop", "-k", "-P", lxcpath, "-n", self.container_id], capture_output=True)
                subprocess.run(["lxc-destroy", "-f", "-P", lxcpath, "-n", self.container_id], capture_output=True)
        if hasattr(self, "serve_log"):
            self.serve_log.close()


class CowlLibrary:
    """Cowl's ProxyServer library alone (proxy_library.cpp): the data plane without node, API or LXC."""

    def __init__(self, build, directory, proxy_port, cert, key, upstream):
        libraries = [os.path.join(build, "node", "libcowl-node-proxy.a"),
                     os.path.join(build, "node", "libcowl-node-base.a"),
                     os.path.join(build, "shared", "libcowl-shared.a")]
        missing = [path for path in libraries if not os.path.exists(path)]
        if missing:
            raise RuntimeError(f"--cowl-library needs {', '.join(missing)}: ninja -C {build} cowl-node-proxy")
        binary = os.path.join(directory, "proxy_library")
        source_root = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
        subprocess.run(["g++", "-std=c++20", "-O2", "-g", "-include", "utility", "-DBOOST_ASIO_NO_DEPRECATED",
                        "-DJSON_USE_IMPLICIT_CONVERSIONS=0", "-I", source_root,
                        os.path.join(HERE, "proxy_library.cpp"), "-o", binary, *libraries,
                        "-lssl", "-lcrypto", "-lnghttp2", "-lspdlog", "-lfmt", "-lpthread"], check=True)
        self.name = "cowl"
        self.port = proxy_port
        self.log = open(os.path.join(directory, "proxy_library.log"), "ab")
        self.process = subprocess.Popen([binary, str(proxy_port), cert, key, upstream.host, str(upstream.port),
                                         USERNAME, PASSWORD],
                                        stdout=subprocess.PIPE, stderr=self.log, stdin=subprocess.DEVNULL,
                                        text=True, start_new_session=True)
        line = self.process.stdout.readline()
        if not line.startswith("ready host="):
            self.stop()
            raise RuntimeError(f"proxy_library did not start (exit {self.process.poll()}); see {self.log.name}")
        self.host = line.strip().split("=", 1)[1]

    @property
    def pid(self):
        return self.process.pid

    def pids(self):
        return [self.process.pid]

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()
