# SPDX-License-Identifier: GPL-3.0-or-later
"""A real `cowl-node serve` with its proxy, for the proxy end-to-end tests.

The node runs in a network namespace of the test's own (the script re-executes
itself under `unshare --net` unless it already has one: nothing here touches
the host's network). A container is created through the API; its program is
played by tests/e2e/proxy_upstream.py listening on the container's own address
(computed like the node does: the node's ULA /48, subnet 1, the first 64 bits
of the container id), which the test puts on lo. When the node has no container
runtime the record is marked running in the store while the node is stopped;
with a runtime the container is started through the API and the stand-in,
being local, takes the container's traffic.
"""

import ipaddress
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "node", "lib"))
from cowlnode import API, NodeProcess  # noqa: E402
from storage_node import private_host_files  # noqa: E402

UPSTREAM = os.path.join(HERE, "proxy_upstream.py")
SUFFIX = "node1.cowl.test"


def ensure_private_netns():
    """Re-exec under `unshare --net --mount` once: the test's own network (only lo) and its own
    mounts (the copies of /etc/subuid and /etc/subgid the runtime writes to)."""
    if os.environ.get("COWL_PROXY_E2E_NETNS") != "1":
        env = dict(os.environ, COWL_PROXY_E2E_NETNS="1")
        os.execvpe("unshare", ["unshare", "--net", "--mount", "--propagation", "private", "--", sys.executable,
                               os.path.abspath(sys.argv[0]), *sys.argv[1:]], env)
    private_host_files()


def raise_fd_limit():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


def container_address(ula48, container_id):
    prefix = ipaddress.IPv6Network(ula48)
    value = int(prefix.network_address) | (1 << 64) | int(container_id[:16], 16)
    return str(ipaddress.IPv6Address(value))


class ProxiedNode:
    def __init__(self):
        self.node = NodeProcess()
        self.upstreams = []
        self.addresses = []

    def __enter__(self):
        self.node.__enter__()
        self.admin = self.node.admin
        self.tmp = tempfile.mkdtemp(prefix="cowl-proxy-e2e-", dir=self.node.tmp)
        self._read_ports()
        with open(os.path.join(self.node.state_dir, "node.json")) as f:
            self.ula48 = json.load(f)["ula_prefix"]
        self._ca()
        return self

    def __exit__(self, *exc):
        for p in self.upstreams:
            if p.poll() is None:
                p.stdin.close()
                p.kill()
                p.wait()
        for address in self.addresses:
            subprocess.run(["ip", "-6", "addr", "del", address + "/128", "dev", "lo"], capture_output=True)
        return self.node.__exit__(*exc)  # stops the node, then every container it made

    def _read_ports(self):
        m = re.search(r"proxy=\[?([0-9a-f:.]+)\]?:(\d+)", self.node.ready_line or "")
        if not m:
            raise AssertionError(f"ready line names no proxy: {self.node.ready_line!r}")
        self.proxy_port = int(m.group(2))

    def _ca(self):
        self.ca = os.path.join(self.node.state_dir, "pki", "ca.crt")

    def restart(self):
        self.node.stop()
        self.node.start()
        self._read_ports()

    # objects ------------------------------------------------------------------
    def ok(self, resp, *statuses):
        if resp.status_code not in (statuses or (200, 201)):
            raise AssertionError(f"{resp.request.method} {resp.url}: {resp.status_code} {resp.text[:300]}")
        return resp.json() if resp.content else None

    def project(self, name):
        return self.ok(self.admin.post(API + "/projects", {"name": name}))["id"]

    def container(self, project_id, name, busybox_page=None):
        """A running container whose `http` program is a proxy_upstream.py stand-in, or with
        busybox_page: the container's own busybox httpd on port 80 serving that page."""
        c = self.ok(self.admin.post(f"{API}/projects/{project_id}/containers", {"name": name, "template": "busybox"},
                                    timeout=120))
        cid = c["id"]
        if busybox_page is not None:
            rootfs = os.path.join(self.node.state_dir, "containers", cid, "rootfs")
            if not os.path.isdir(rootfs):
                raise AssertionError(f"no rootfs at {rootfs}: is the container runtime running?")
            os.makedirs(os.path.join(rootfs, "www"), exist_ok=True)
            with open(os.path.join(rootfs, "www", "index.html"), "w") as f:
                f.write(busybox_page)
            os.chmod(os.path.join(rootfs, "www", "index.html"), 0o644)
            with open(os.path.join(rootfs, "etc/init.d/rcS"), "a") as rc:
                rc.write("\nhttpd -p [::]:80 -h /www\n")
        start = self.admin.post(f"{API}/containers/{cid}/start", timeout=120)
        if start.status_code == 409 and "runtime" in start.text:
            self._mark_running(cid)
        else:
            self.ok(start, 200, 202)
            self._wait_running(cid)
        if busybox_page is not None:
            return cid, 80
        return cid

    def stand_in(self, cid):
        """The container's `http` program, played by proxy_upstream.py on the container's address here.
        Call it once every container of the test runs: the runtime sets a container up while no
        local address shadows it."""
        address = container_address(self.ula48, cid)
        subprocess.run(["ip", "-6", "addr", "add", address + "/128", "dev", "lo", "nodad"], check=True)
        self.addresses.append(address)
        upstream = subprocess.Popen(["/usr/bin/python3", UPSTREAM, "0", address], stdin=subprocess.PIPE,
                                    stdout=subprocess.PIPE, text=True)
        self.upstreams.append(upstream)
        port = int(upstream.stdout.readline())
        programs = self.ok(self.admin.get(f"{API}/containers/{cid}/programs"))
        table = dict(programs["programs"], http=port)
        self.ok(self.admin.put(f"{API}/containers/{cid}/programs", {"programs": table},
                               if_match=programs["version"]))
        return port

    def _mark_running(self, cid):
        # No runtime: the record is all there is; the node reads it at start.
        self.node.stop()
        path = os.path.join(self.node.store_dir, "containers", cid + ".json")
        with open(path) as f:
            doc = json.load(f)
        doc["body"]["status"] = "running"
        with open(path, "w") as f:
            json.dump(doc, f)
        self.node.start()
        self._read_ports()
        status = self.ok(self.admin.get(f"{API}/containers/{cid}"))["status"]
        if status != "running":
            raise AssertionError(f"container {cid} is {status} after restart: the node changed the record")

    def _wait_running(self, cid, timeout=120):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.ok(self.admin.get(f"{API}/containers/{cid}"))["status"] == "running":
                return
            time.sleep(0.5)
        raise AssertionError(f"container {cid} not running within {timeout} s")

    # clients ------------------------------------------------------------------
    @staticmethod
    def host(project_id, container_id, program="http", port=None):
        label = f"{project_id}-{container_id}-{program}" + (f"-{port}" if port else "")
        return f"{label}.{SUFFIX}"

    @staticmethod
    def alias_host(alias):
        return f"{alias}.{SUFFIX}"

    def url(self, host, path="/"):
        return f"https://{host}:{self.proxy_port}{path}"

    def curl(self, host, path="/", *extra, http="--http1.1"):
        """(status, lower-cased header text, body bytes)."""
        headers = os.path.join(self.tmp, "h")
        body = os.path.join(self.tmp, "b")
        for p in (headers, body):
            if os.path.exists(p):
                os.unlink(p)
        r = subprocess.run(["curl", "-sS", http, "--cacert", self.ca, "--resolve",
                            f"{host}:{self.proxy_port}:::1", "-D", headers, "-o", body, "-w", "%{http_code}",
                            *extra, self.url(host, path)], capture_output=True, timeout=120)
        h, b = "", b""
        if os.path.exists(headers):
            with open(headers, "rb") as f:
                h = f.read().decode(errors="replace").lower()
        if os.path.exists(body):
            with open(body, "rb") as f:
                b = f.read()
        return int(r.stdout or 0), h, b

    def echo(self, host, path="/echo", *extra, http="--http1.1"):
        status, headers, body = self.curl(host, path, *extra, http=http)
        if status != 200:
            raise AssertionError(f"{host}{path}: {status} {body[:200]!r}")
        j = json.loads(body)
        j["header_map"] = {}
        for name, value in j["headers"]:
            j["header_map"].setdefault(name.lower(), []).append(value)
        return j


class ProxiedTestCase(unittest.TestCase):
    """One ProxiedNode for a test class. `arrange()` makes what its tests need; the node and its
    containers go at the end, also when arranging failed."""

    @classmethod
    def setUpClass(cls):
        cls.n = ProxiedNode().__enter__()
        try:
            cls.arrange()
        except BaseException:
            cls.n.__exit__(*sys.exc_info())
            raise

    @classmethod
    def arrange(cls):
        pass

    @classmethod
    def tearDownClass(cls):
        cls.n.__exit__(None, None, None)
