#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Lockdown through the API against a real `cowl-node serve`: with 1,000 open
keep-alive connections and a WebSocket (through an alias) to one container, a
settings PATCH `enable_proxy: false` cuts every one of them and the proxy answers
503 with Retry-After from then on; project and node lockdown do the same; unlock
restores service. Prints the time from the API call to the last cut, as the
clients saw it and as the node logged it. COWL_PROXY_E2E_CONNECTIONS overrides 1,000."""

import os
import re
import selectors
import socket
import ssl
import sys
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import proxy_node  # noqa: E402

proxy_node.ensure_private_netns()
proxy_node.raise_fd_limit()

from proxy_node import API, ProxiedTestCase  # noqa: E402

CONNECTIONS = int(os.environ.get("COWL_PROXY_E2E_CONNECTIONS", "1000"))
WS_KEY = "dGhlIHNhbXBsZSBub25jZQ=="


class ProxyLockdownTest(ProxiedTestCase):
    @classmethod
    def arrange(cls):
        cls.p = cls.n.project("locks")
        # One container: a second one does not start on this node yet (lxc "Failed to setup
        # mount entries" for a container cloned from the template cache).
        cls.c = cls.n.container(cls.p, "web")
        cls.n.stand_in(cls.c)
        cls.n.ok(cls.n.admin.post(API + "/aliases", {"alias": "front", "container_id": cls.c, "program": "http"}))
        cls.tls = ssl.create_default_context(cafile=cls.n.ca)

    def connect(self, host):
        raw = socket.create_connection(("::1", self.n.proxy_port), timeout=10)
        return self.tls.wrap_socket(raw, server_hostname=host)

    def read_head(self, s):
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
        return data

    def open_keepalive(self, host, count):
        """`count` TLS connections, each with one answered request (so the proxy knows their container)."""
        conns = []
        for _ in range(count):
            s = self.connect(host)
            s.sendall(f"GET /echo HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
            data = self.read_head(s)
            self.assertTrue(data.startswith(b"HTTP/1.1 200"), data[:100])
            # the small JSON body follows the head; drain what is there
            s.setblocking(False)
            try:
                while s.recv(65536):
                    pass
            except (ssl.SSLWantReadError, BlockingIOError):
                pass
            conns.append(s)
        return conns

    def open_websocket(self, host):
        s = self.connect(host)
        s.sendall((f"GET /ws HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                   f"Sec-WebSocket-Key: {WS_KEY}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
        head = self.read_head(s)
        self.assertTrue(head.startswith(b"HTTP/1.1 101"), head[:100])
        # masked "Hello" (RFC 6455 §5.7), echoed unmasked
        s.sendall(b"\x81\x85\x37\xfa\x21\x3d\x7f\x9f\x4d\x51\x58")
        echoed = b""
        while b"Hello" not in echoed:
            echoed += s.recv(4096)
        s.setblocking(False)
        return s

    def wait_all_closed(self, conns, timeout=10):
        """Time at which the last connection saw EOF (or reset)."""
        sel = selectors.DefaultSelector()
        for s in conns:
            sel.register(s, selectors.EVENT_READ)
        open_count = len(conns)
        last = None
        deadline = time.monotonic() + timeout
        while open_count and time.monotonic() < deadline:
            for key, _ in sel.select(timeout=0.5):
                s = key.fileobj
                try:
                    while True:
                        if not s.recv(65536):
                            raise ConnectionResetError
                except (ssl.SSLWantReadError, BlockingIOError):
                    continue
                except (ConnectionResetError, ssl.SSLError, OSError):
                    sel.unregister(s)
                    open_count -= 1
                    last = time.monotonic()
        sel.close()
        for s in conns:
            s.close()
        return open_count, last

    def node_cut_ms(self):
        """The node's own figure from its log: the last 'lockdown: … ms after the change' line."""
        log = self.n.node.log_tail(200000)
        found = re.findall(r"lockdown: (\d+) connection\(s\) of (\d+) container\(s\) cut in ([0-9.]+) ms "
                           r"\(([0-9.]+) ms after the change\)", log)
        return found[-1] if found else None

    def settings(self, path):
        return self.n.ok(self.n.admin.get(path))

    def lock(self, path, enabled):
        current = self.settings(path)
        return self.n.ok(self.n.admin.patch(path, {"enable_proxy": enabled}, if_match=current["version"]))

    def test_container_lockdown_cuts_every_connection_fast(self):
        n = self.n
        host = n.host(self.p, self.c)
        conns = self.open_keepalive(host, CONNECTIONS)
        ws = self.open_websocket(n.alias_host("front"))

        path = f"{API}/containers/{self.c}/proxy/settings"
        started = time.monotonic()
        self.lock(path, False)
        answered = time.monotonic()
        still_open, last = self.wait_all_closed(conns + [ws])
        self.assertEqual(still_open, 0, f"{still_open} connection(s) survived the lockdown")
        client_ms = (last - started) * 1000
        node = self.node_cut_ms()
        self.assertIsNotNone(node, "the node logged no lockdown line")
        print(f"\nlockdown, {CONNECTIONS} connections + 1 WebSocket: PATCH answered in "
              f"{(answered - started) * 1000:.1f} ms, last connection closed {client_ms:.1f} ms after the call "
              f"(client side, Python); node: {node[0]} connections cut in {node[2]} ms, {node[3]} ms after the "
              f"store change", flush=True)
        self.assertGreaterEqual(int(node[0]), CONNECTIONS + 1)
        self.assertLess(float(node[3]), 50.0, "the node took 50 ms or more from the change to the last cut")

        status, headers, _ = n.curl(host, "/echo")
        self.assertEqual(status, 503)
        self.assertIn("retry-after:", headers)
        self.assertEqual(n.curl(n.alias_host("front"), "/")[0], 503)

        self.lock(path, True)
        self.assertEqual(n.curl(host, "/echo")[0], 200)

    def test_project_and_node_lockdown(self):
        n = self.n
        hosts = [n.host(self.p, self.c), n.alias_host("front")]
        for path in (f"{API}/projects/{self.p}/proxy/settings", f"{API}/node/proxy/settings"):
            conns = self.open_keepalive(hosts[0], 3) + self.open_keepalive(hosts[1], 3)
            self.lock(path, False)
            still_open, _ = self.wait_all_closed(conns)
            self.assertEqual(still_open, 0, path)
            for host in hosts:
                self.assertEqual(n.curl(host, "/")[0], 503, path)
            self.lock(path, True)
            for host in hosts:
                self.assertEqual(n.curl(host, "/")[0], 200, path)


if __name__ == "__main__":
    unittest.main(verbosity=2)
