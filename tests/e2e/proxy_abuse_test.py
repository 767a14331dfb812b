#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""What clients can throw at the proxy of a real `cowl-node serve`: a 1 GiB
download and a 1 GiB chunked upload streamed with the node's memory flat
(VmRSS of the node sampled during the transfer), request smuggling and
malformed heads (400 and close, nothing forwarded), an oversized head (431),
slowloris (cut at the header timeout), and 429 after repeated failed
credentials. COWL_PROXY_BIG_BYTES overrides 1 GiB."""

import os
import socket
import ssl
import subprocess
import sys
import threading
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import proxy_node  # noqa: E402

proxy_node.ensure_private_netns()
proxy_node.raise_fd_limit()

from proxy_node import API, ProxiedTestCase  # noqa: E402

BIG = int(os.environ.get("COWL_PROXY_BIG_BYTES", str(1 << 30)))


def vm_rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


class RssSampler:
    """VmRSS of a process every 50 ms while a transfer runs."""

    def __init__(self, pid):
        self.pid = pid
        self.samples = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self):
        while not self.stop.is_set():
            self.samples.append(vm_rss_kib(self.pid))
            time.sleep(0.05)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join()


class ProxyAbuseTest(ProxiedTestCase):
    @classmethod
    def arrange(cls):
        cls.p = cls.n.project("abuse")
        cls.c = cls.n.container(cls.p, "web")
        cls.n.stand_in(cls.c)
        cls.host = cls.n.host(cls.p, cls.c)
        cls.tls = ssl.create_default_context(cafile=cls.n.ca)

    def raw(self):
        s = socket.create_connection(("::1", self.n.proxy_port), timeout=15)
        return self.tls.wrap_socket(s, server_hostname=self.host)

    def exchange(self, payload):
        """(answer bytes, closed by the proxy?)"""
        s = self.raw()
        s.sendall(payload)
        data = b""
        closed = False
        try:
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    closed = True
                    break
                data += chunk
        except (ConnectionResetError, ssl.SSLError):
            closed = True
        except socket.timeout:
            pass
        s.close()
        return data, closed

    def test_1_large_bodies_stream_with_flat_memory(self):
        pid = self.n.node.proc.pid
        curl = ["curl", "-sS", "--http1.1", "--cacert", self.n.ca, "--resolve", f"{self.host}:{self.n.proxy_port}:::1"]
        before = vm_rss_kib(pid)
        started = time.monotonic()
        with RssSampler(pid) as down:
            r = subprocess.run(curl + ["-o", "/dev/null", "-w", "%{size_download}",
                                       self.n.url(self.host, f"/bytes/{BIG}")], capture_output=True, text=True,
                               timeout=900)
        down_s = time.monotonic() - started
        self.assertEqual(r.stdout.strip(), str(BIG), r.stderr)
        started = time.monotonic()
        with RssSampler(pid) as up:
            r = subprocess.run(f"head -c {BIG} /dev/zero | " + " ".join(f"'{a}'" for a in curl) +
                               f" -T - '{self.n.url(self.host, '/count')}'", shell=True, capture_output=True,
                               text=True, timeout=900)
        up_s = time.monotonic() - started
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn(f'"bytes": {BIG}', r.stdout)
        peak = max(down.samples + up.samples)
        print(f"\n{BIG} bytes through serve: download {BIG / down_s / 1e6:.0f} MB/s, chunked upload "
              f"{BIG / up_s / 1e6:.0f} MB/s; node VmRSS before {before} KiB, peak {peak} KiB during the transfers "
              f"({len(down.samples) + len(up.samples)} samples)", flush=True)
        self.assertLess(peak - before, 64 * 1024, "the node's memory grew with the body")

    def test_2_smuggling_and_malformed_heads_are_400_and_close(self):
        h = self.host
        attacks = [
            f"POST /count HTTP/1.1\r\nHost: {h}\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
            f"POST /count HTTP/1.1\r\nHost: {h}\r\nTransfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n0\r\n\r\n",
            f"POST /count HTTP/1.1\r\nHost: {h}\r\nContent-Length: 4\r\nContent-Length: 5\r\n\r\nabcde",
            f"GET / HTTP/1.1\r\nHost: {h}\r\nX-Long: a\r\n b\r\n\r\n",
            f"POST /count HTTP/1.1\r\nHost: {h}\r\nTransfer-Encoding: gzip\r\n\r\n",
            f"POST /count HTTP/1.1\r\nHost: {h}\r\nTransfer-Encoding: chunked, identity\r\n\r\n",
            f"GET / HTTP/1.1\r\nHost: {h}\r\nHost: evil.example\r\n\r\n",
            "GET / HTTP/1.1\r\n\r\n",
            f"GET / HTTP/1.1\r\nHost : {h}\r\n\r\n",
            f"POST /count HTTP/1.1\r\nHost: {h}\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n",
        ]
        for attack in attacks:
            answer, closed = self.exchange(attack.encode())
            self.assertTrue(answer.startswith(b"HTTP/1.1 400"), (attack, answer[:80]))
            self.assertTrue(closed, attack)
            self.assertNotIn(b'"bytes"', answer, attack)  # the container never answered

    def test_3_oversized_head_is_431(self):
        answer, closed = self.exchange(f"GET / HTTP/1.1\r\nHost: {self.host}\r\nX-Big: {'a' * 20000}\r\n\r\n".encode())
        self.assertTrue(answer.startswith(b"HTTP/1.1 431"), answer[:80])
        self.assertTrue(closed)

    def test_4_slowloris_is_cut_at_the_header_timeout(self):
        s = self.raw()
        started = time.monotonic()
        s.sendall(f"GET / HTTP/1.1\r\nHost: {self.host}\r\n".encode())
        s.settimeout(0.5)
        closed_at = None
        # one header line every second: trickling does not extend the deadline (10 s)
        while time.monotonic() - started < 20:
            try:
                s.sendall(b"X-Drip: 1\r\n")
                if s.recv(1) == b"":
                    closed_at = time.monotonic()
                    break
            except socket.timeout:
                continue
            except (ConnectionResetError, BrokenPipeError, ssl.SSLError, OSError):
                closed_at = time.monotonic()
                break
        s.close()
        self.assertIsNotNone(closed_at, "a dripping head was never cut")
        self.assertGreater(closed_at - started, 9)
        self.assertLess(closed_at - started, 13)

    def test_5_repeated_failures_get_429(self):
        n = self.n
        path = f"{API}/containers/{self.c}/proxy/permissions"
        # A fresh API connection: once, the one from setUpClass (idle through the 1 GiB transfers) got
        # no answer within 15 s; a plain 75 s idle does not reproduce it (cause not found yet).
        api = n.node.client(n.node.operator_token)
        n.ok(api.put(path, {"groups": {"ops": {"type": "password", "username": "alice",
                                                   "password": "correct horse battery"}},
                                "permissions": {"ops": {"*": True}}, "default": "deny"}))
        statuses = [n.curl(self.host, "/", "-u", "alice:nope")[0] for _ in range(11)]
        self.assertEqual(statuses[:10], [401] * 10)
        self.assertEqual(statuses[10], 429)
        status, headers, _ = n.curl(self.host, "/", "-u", "alice:correct horse battery")
        self.assertEqual(status, 429)  # even the right password, while the address is throttled
        self.assertIn("retry-after:", headers)


if __name__ == "__main__":
    unittest.main(verbosity=2)
