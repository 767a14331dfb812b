#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The proxy inside a real `cowl-node serve`, driven through the control API and
reached with real clients (curl, nghttp, h2load, python3-jwt tokens): every host
form, the constant 404, aliases with target_path, the path jail, expiry, disable
and delete, each group type granting and denying, `from`, port ranges, default
allow/deny, a container document replacing the project's, credentials stripped
and X-Forwarded-* set, the access log API and its events."""

import hashlib
import json
import os
import subprocess
import sys
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import proxy_node  # noqa: E402

proxy_node.ensure_private_netns()
proxy_node.raise_fd_limit()

import jwt  # noqa: E402  (python3-jwt)
from proxy_node import API, ProxiedTestCase  # noqa: E402

JWT_SECRET = "an-hs256-secret-of-the-test-only-0123456789"


class ProxyServeTest(ProxiedTestCase):
    maxDiff = None

    @classmethod
    def arrange(cls):
        n = cls.n
        cls.p = n.project("shop")
        # One container: a second one does not start on this node yet (lxc "Failed to setup
        # mount entries" for a container cloned from the template cache). Tests that set
        # access documents remove them again (tearDown).
        cls.open_c, _ = n.container(cls.p, "web", busybox_page="served by busybox httpd\n")
        # The container's own busybox httpd on port 80 (the default table's http), before the stand-in
        # takes the address over for the tests that need a program echoing what it got.
        host = n.host(cls.p, cls.open_c)
        deadline = time.monotonic() + 15
        cls.busybox = n.curl(host, "/")
        while cls.busybox[0] != 200 and time.monotonic() < deadline:
            time.sleep(0.2)
            cls.busybox = n.curl(host, "/")
        cls.open_port = n.stand_in(cls.open_c)
        cls.guard_c, cls.guard_port = cls.open_c, cls.open_port
        cls.alias = {}
        cls.soon_expires = int(time.time()) + 4
        for name, body in {
            "docs": {"target_path": "/base/"},
            "jail": {"target_path": "/jailed/", "allow_path_override": False},
            "soon": {"expires_at": cls.soon_expires},
            "off": {"enabled": False},
        }.items():
            a = n.ok(n.admin.post(API + "/aliases", dict(
                {"alias": name, "container_id": cls.open_c, "program": "http"}, **body)))
            cls.alias[name] = a

    def tearDown(self):
        for path in (f"{API}/containers/{self.open_c}/proxy/permissions", f"{API}/projects/{self.p}/proxy/permissions"):
            current = self.n.admin.get(path)
            if current.status_code == 200:
                self.n.ok(self.n.admin.delete(path, if_match=current.json()["version"]), 204)

    def host(self, container, program="http", port=None):
        return self.n.host(self.p, container, program, port)

    def put_permissions(self, path, document):
        current = self.n.admin.get(path)
        version = current.json()["version"] if current.status_code == 200 else None
        self.n.ok(self.n.admin.put(path, document, if_match=version))

    # routing --------------------------------------------------------------
    def test_real_busybox_httpd_through_the_proxy(self):
        status, _, body = self.busybox
        self.assertEqual((status, body), (200, b"served by busybox httpd\n"))

    def test_forwards_with_forwarded_headers_and_client_copies_removed(self):
        host = self.host(self.open_c)
        j = self.n.echo(host, "/echo?x=1", "-H", "X-Forwarded-For: 6.6.6.6", "-H", "Forwarded: for=6.6.6.6",
                        "-H", "X-Real-IP: 6.6.6.6", "-H", "X-Cowl-Group: admins", "-H", "X-Forwarded-Host: evil")
        self.assertEqual(j["path"], "/echo?x=1")
        h = j["header_map"]
        self.assertEqual(h["x-forwarded-for"], ["::1"])
        self.assertEqual(h["x-forwarded-proto"], ["https"])
        self.assertEqual(h["x-forwarded-host"], [f"{host}:{self.n.proxy_port}"])
        for gone in ("forwarded", "x-real-ip", "x-cowl-group"):
            self.assertNotIn(gone, h)

    def test_http_port_host_reaches_any_container_port(self):
        j = self.n.echo(self.host(self.open_c, "http", self.open_port), "/by-port")
        self.assertEqual(j["path"], "/by-port")

    def test_unknown_names_are_one_constant_404(self):
        hosts = [self.host("0" * 24), self.host(self.open_c, "nosuchprogram"), self.host(self.open_c, "terminal-7"),
                 self.n.alias_host("nosuch"), self.n.alias_host("off"), "elsewhere.example.org",
                 f"{self.p}-{self.open_c}.{proxy_node.SUFFIX}", "x" * 63 + "." + proxy_node.SUFFIX]
        first = None
        for host in hosts:
            status, headers, body = self.n.curl(host, "/anything", "-k")
            self.assertEqual(status, 404, host)
            shape = ([l for l in headers.splitlines() if not l.startswith("date:")], body)
            if first is None:
                first = shape
            self.assertEqual(shape, first, host)
        self.assertNotIn(self.open_c.encode(), first[1])

    def test_alias_target_path_and_path_jail(self):
        self.assertEqual(self.n.echo(self.n.alias_host("docs"), "/")["path"], "/base/")
        self.assertEqual(self.n.echo(self.n.alias_host("docs"), "/x?q=1")["path"], "/x?q=1")
        jail = self.n.alias_host("jail")
        self.assertEqual(self.n.echo(jail, "/a//b/./c?z=2")["path"], "/jailed/a/b/c?z=2")
        self.assertEqual(self.n.echo(jail, "/a/../b")["path"], "/jailed/b")
        for escape in ("/../etc/passwd", "/%2e%2e/etc", "/a/%2E%2E/%2e%2E/x", "/..%2fetc", "/a/..%5c..%5cx"):
            status, _, _ = self.n.curl(jail, escape, "--path-as-is")
            self.assertEqual(status, 400, escape)

    def test_alias_expiry_disable_delete(self):
        n = self.n
        a = n.ok(n.admin.post(API + "/aliases", {"alias": "brief", "container_id": self.open_c, "program": "http"}))
        host = n.alias_host("brief")
        self.assertEqual(n.curl(host, "/")[0], 200)
        a = n.ok(n.admin.patch(f"{API}/aliases/{a['id']}", {"enabled": False}, if_match=a["version"]))
        self.assertEqual(n.curl(host, "/")[0], 404)
        a = n.ok(n.admin.patch(f"{API}/aliases/{a['id']}", {"enabled": True}, if_match=a["version"]))
        self.assertEqual(n.curl(host, "/")[0], 200)
        n.ok(n.admin.delete(f"{API}/aliases/{a['id']}"), 204)
        self.assertEqual(n.curl(host, "/")[0], 404)
        # "soon" was made in setUpClass with a 4 s expiry.
        self.assertIsNotNone(self.alias["soon"].get("expires_at"))
        time.sleep(max(0.0, self.soon_expires + 1.2 - time.time()))
        self.assertEqual(n.curl(n.alias_host("soon"), "/")[0], 404)

    # access ---------------------------------------------------------------
    def test_groups_grant_and_deny(self):
        n = self.n
        path = f"{API}/containers/{self.guard_c}/proxy/permissions"
        self.put_permissions(path, {
            "groups": {
                "ops": {"type": "password", "username": "alice", "password": "correct horse battery"},
                "ci": {"type": "token", "value": "a-long-random-token-value", "sources": ["query:token"]},
                "bearer": {"type": "token", "value": "bearer-token-value-0123456789"},
                "apps": {"type": "jwt", "algorithm": "HS256", "secret": JWT_SECRET, "claims": {"role": "app"}},
                "office": {"type": "ip", "cidrs": ["2001:db8::/32"]},
                "staging": {"type": "password", "username": "bob", "password": "bob's long password",
                            "from": ["2001:db8::/32"]},
            },
            "permissions": {"ops": {"*": True}, "ci": {"http": True}, "bearer": {"http": "8000-8100"},
                            "apps": {"http": True}, "office": {"http": True}, "staging": {"http": True}},
            "default": "deny"})
        host = self.host(self.guard_c)
        status, headers, _ = n.curl(host, "/echo")
        self.assertEqual(status, 401)
        self.assertIn('www-authenticate: basic realm="', headers)
        self.assertEqual(n.curl(host, "/echo", "-u", "alice:wrong")[0], 401)
        j = n.echo(host, "/echo", "-u", "alice:correct horse battery")
        self.assertNotIn("authorization", j["header_map"])
        self.assertEqual(j["header_map"]["x-cowl-group"], ["ops"])
        # token in the query: granted, and the parameter is gone upstream
        j = n.echo(host, "/echo?a=1&token=a-long-random-token-value&b=2")
        self.assertEqual(j["path"], "/echo?a=1&b=2")
        # jwt: right claims allowed, wrong claim / expired / alg none refused
        good = jwt.encode({"role": "app", "exp": int(time.time()) + 300}, JWT_SECRET, algorithm="HS256")
        j = n.echo(host, "/echo", "-H", f"Authorization: Bearer {good}")
        self.assertEqual(j["header_map"]["x-cowl-group"], ["apps"])
        self.assertNotIn("authorization", j["header_map"])
        for bad in (jwt.encode({"role": "admin", "exp": int(time.time()) + 300}, JWT_SECRET, algorithm="HS256"),
                    jwt.encode({"role": "app", "exp": int(time.time()) - 120}, JWT_SECRET, algorithm="HS256"),
                    jwt.encode({"role": "app"}, key=None, algorithm="none")):
            self.assertIn(n.curl(host, "/echo", "-H", f"Authorization: Bearer {bad}")[0], (401, 403))
        # port ranges: the bearer group may reach http-8000..8100 only, not the table's port
        bearer = ("-H", "Authorization: Bearer bearer-token-value-0123456789")
        self.assertEqual(n.curl(self.host(self.guard_c, "http", 8050), "/", *bearer)[0], 502)  # granted; nothing listens
        self.assertEqual(n.curl(self.host(self.guard_c, "http", self.guard_port), "/", *bearer)[0], 403)
        # `from`: bob's password is right but ::1 is not in 2001:db8::/32; the ip group does not match either
        self.assertIn(n.curl(host, "/echo", "-u", "bob:bob's long password")[0], (401, 403))

    def test_default_allow_and_container_document_replaces_project(self):
        n = self.n
        web = self.open_c
        host = self.host(web)
        self.assertEqual(n.curl(host, "/")[0], 200)  # no document at all: open
        self.put_permissions(f"{API}/projects/{self.p}/proxy/permissions", {
            "groups": {"ops": {"type": "password", "username": "alice", "password": "project password"}},
            "permissions": {"ops": {"*": True}}, "default": "deny"})
        self.assertEqual(n.curl(host, "/")[0], 401)
        self.assertEqual(n.curl(host, "/", "-u", "alice:project password")[0], 200)
        self.put_permissions(f"{API}/containers/{web}/proxy/permissions", {
            "groups": {"ops": {"type": "password", "username": "alice", "password": "container password"}},
            "permissions": {"ops": {"*": True}}, "default": "deny"})
        self.assertEqual(n.curl(host, "/", "-u", "alice:project password")[0], 401)
        self.assertEqual(n.curl(host, "/", "-u", "alice:container password")[0], 200)
        self.put_permissions(f"{API}/containers/{web}/proxy/permissions", {"groups": {}, "permissions": {},
                                                                          "default": "allow"})
        self.assertEqual(n.curl(host, "/")[0], 200)
        # without its own document the container follows the project's again
        n.ok(n.admin.delete(f"{API}/containers/{web}/proxy/permissions",
                            if_match=n.admin.get(f"{API}/containers/{web}/proxy/permissions").json()["version"]), 204)
        self.assertEqual(n.curl(host, "/")[0], 401)
        n.ok(n.admin.delete(f"{API}/projects/{self.p}/proxy/permissions",
                            if_match=n.admin.get(f"{API}/projects/{self.p}/proxy/permissions").json()["version"]), 204)
        self.assertEqual(n.curl(host, "/")[0], 200)

    # protocols ------------------------------------------------------------
    def test_http2_with_nghttp_and_h2load(self):
        host = self.host(self.open_c)
        url = f"https://[::1]:{self.n.proxy_port}/echo"
        r = subprocess.run(["nghttp", "-v", "-H", f":authority: {host}", url], capture_output=True, text=True,
                           timeout=60)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn(":status: 200", r.stdout)
        body = r.stdout[r.stdout.rfind("{\"method\""):]
        self.assertIn('"x-forwarded-proto", "https"', body.lower().replace("'", '"'))
        r = subprocess.run(["h2load", "-n", "400", "-c", "4", "-m", "8", "-H", f":authority: {host}", url],
                           capture_output=True, text=True, timeout=120)
        self.assertIn("400 succeeded", r.stdout, r.stdout)
        self.assertIn("status codes: 400 2xx", r.stdout, r.stdout)
        status, headers, _ = self.n.curl(self.host("0" * 24), "/", "-k", http="--http2")
        self.assertEqual(status, 404)
        self.assertTrue(headers.startswith("http/2 404"), headers)

    # certificates -----------------------------------------------------------
    def test_operator_certificate_import_is_picked_by_sni(self):
        n = self.n
        name = "imported." + proxy_node.SUFFIX
        d = n.tmp
        for stem, san in (("good", name), ("other", "other.example.org")):
            subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                            "-keyout", f"{d}/{stem}.key", "-out", f"{d}/{stem}.crt", "-days", "2", "-subj",
                            f"/CN={san}", "-addext", f"subjectAltName=DNS:{san}"], check=True, capture_output=True)
        read = lambda path: open(path).read()  # noqa: E731
        path = API + "/node/proxy/certificates"
        bad = n.admin.post(path, {"certificate": read(f"{d}/good.crt"), "private_key": read(f"{d}/other.key")})
        self.assertEqual(bad.status_code, 422, bad.text)
        self.assertEqual(n.admin.post(path, {"certificate": "x"}).status_code, 400)
        ok = n.ok(n.admin.post(path, {"certificate": read(f"{d}/good.crt"), "private_key": read(f"{d}/good.key")}),
                  201)
        self.assertEqual(ok["names"], [name])
        served = subprocess.run(f"openssl s_client -connect '[::1]:{n.proxy_port}' -servername {name} </dev/null "
                                "2>/dev/null | openssl x509 -noout -ext subjectAltName", shell=True,
                                capture_output=True, text=True)
        self.assertIn(f"DNS:{name}", served.stdout)
        default = subprocess.run(f"openssl s_client -connect '[::1]:{n.proxy_port}' -servername "
                                 f"{self.host(self.open_c)} </dev/null 2>/dev/null | openssl x509 -noout -ext "
                                 "subjectAltName", shell=True, capture_output=True, text=True)
        self.assertIn(f"DNS:*.{proxy_node.SUFFIX}", default.stdout)
        kept = os.path.join(n.node.state_dir, "proxy", "certificates")
        self.assertEqual(sorted(os.listdir(kept)), [name + ".crt", name + ".key"])
        self.assertEqual(os.stat(os.path.join(kept, name + ".key")).st_mode & 0o777, 0o600)

    def test_tls_versions_and_session_resumption(self):
        """TLS 1.2 and 1.3 only; a session resumes from its ticket (OpenSSL's own client)."""
        n = self.n
        host = self.host(self.open_c)
        request = f"GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"

        def s_client(*options):
            # The request keeps the connection open until the answer, so the
            # tickets the server sends after the handshake arrive first.
            return subprocess.run(["openssl", "s_client", "-connect", f"[::1]:{n.proxy_port}", "-servername", host,
                                   "-ign_eof", *options], input=request, capture_output=True, text=True,
                                  timeout=30).stdout

        for version in ("-tls1_2", "-tls1_3"):
            session = os.path.join(n.tmp, f"session{version}")
            first = s_client(version, "-sess_out", session)
            self.assertIn("New, TLSv1.", first)
            self.assertIn("HTTP/1.1 ", first)
            again = s_client(version, "-sess_in", session)
            self.assertIn("Reused, TLSv1." + version[-1], again)
            self.assertIn("HTTP/1.1 ", again)
        old = subprocess.run(["openssl", "s_client", "-connect", f"[::1]:{n.proxy_port}", "-servername", host,
                              "-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0"], input="", capture_output=True,
                             text=True, timeout=30)
        self.assertNotIn("Cipher is ECDHE", old.stdout)
        self.assertIn("Cipher is (NONE)", old.stdout)

    # access log -----------------------------------------------------------
    def test_access_log_api_and_events(self):
        n = self.n
        ws = n.admin.websocket()
        try:
            hello = json.loads(ws.recv())
            self.assertEqual(hello["kind"], "hello")
            marker = "/logged/" + hashlib.sha256(str(time.time()).encode()).hexdigest()[:8]
            self.assertEqual(n.curl(self.host(self.open_c), marker + "?secret=1")[0], 200)
            deadline = time.monotonic() + 10
            event = None
            while time.monotonic() < deadline and event is None:
                ws.settimeout(max(0.1, deadline - time.monotonic()))
                frame = json.loads(ws.recv())
                if frame.get("resource") == "proxy_request" and frame["data"]["path"] == marker:
                    event = frame
            self.assertIsNotNone(event, "no proxy_request event")
            self.assertEqual(event["id"], self.open_c)
            self.assertEqual(event["kind"], "created")
        finally:
            ws.close()
        entries = n.ok(n.admin.get(f"{API}/containers/{self.open_c}/proxy/logs?limit=5"))
        self.assertLessEqual(len(entries), 5)
        newest = entries[0]
        self.assertEqual(newest["path"], marker)
        self.assertEqual(set(newest), {"time", "container_id", "program", "alias", "client_address", "method",
                                       "path", "status", "bytes", "duration_ms", "decision", "group", "reason"})
        self.assertEqual((newest["container_id"], newest["program"], newest["method"], newest["status"],
                          newest["decision"], newest["client_address"]),
                         (self.open_c, "http", "GET", 200, "allow", "::1"))
        self.assertTrue(newest["time"].endswith("Z"))
        times = [e["time"] for e in entries]
        self.assertEqual(times, sorted(times, reverse=True))
        self.assertEqual(n.admin.get(f"{API}/containers/{self.open_c}/proxy/logs?limit=0").status_code, 400)
        self.assertEqual(n.admin.get(f"{API}/containers/{'0' * 24}/proxy/logs").status_code, 404)
        with open(os.path.join(n.node.state_dir, "proxy", "access.log")) as f:
            text = f.read()
        self.assertIn(marker, text)
        self.assertNotIn("secret=1", text)


if __name__ == "__main__":
    unittest.main(verbosity=2)
