#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Authentication of the control API (docs/api.md "Conventions", "Tokens"):
missing, unknown, malformed and revoked tokens all get the same 401, tokens are
stored only as SHA-256, the secret is shown once, the certificate matches the pin."""

import hashlib
import os
import secrets
import socket
import ssl
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from cowlnode import (API, ApiTestCase, ConnectionString, NodeProcess, create_project,  # noqa: E402
                      create_token, list_items, unknown_id)
import websocket  # noqa: E402


class AuthenticationTest(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        cls.node = NodeProcess()
        cls.node.__enter__()
        cls.addClassCleanup(cls.node.__exit__, None, None, None)

    def anonymous(self):
        return self.node.client(None)

    def test_served_certificate_matches_the_connection_string(self):
        ctx = ssl.create_default_context()
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
        with socket.create_connection(("127.0.0.1", self.node.port), timeout=10) as raw:
            with ctx.wrap_socket(raw) as tls:
                der = tls.getpeercert(binary_form=True)
                self.assertIn(tls.version(), ("TLSv1.2", "TLSv1.3"))
        self.assertEqual(hashlib.sha256(der).hexdigest(), self.node.fingerprint)

    def test_operator_token_is_node_scope_admin(self):
        node = self.assertJson(self.node.admin.get(API + "/node"), 200)
        self.assertEqual(node["name"], "node1")
        self.assertEqual(node["domain"], "cowl.test")
        tokens = list_items(self, self.node.admin.get(API + "/tokens"))
        mine = [t for t in tokens if t["role"] == "admin" and t["realm_id"] is None]
        self.assertTrue(mine, f"no node-scope admin token listed: {tokens}")

    def test_missing_unknown_and_malformed_tokens_get_one_identical_401(self):
        path = API + "/projects"
        variants = {
            "no header": {},
            "unknown token": {"Authorization": "Bearer cowl_" + secrets.token_hex(32)},
            "token without prefix": {"Authorization": "Bearer " + secrets.token_hex(32)},
            "short token": {"Authorization": "Bearer cowl_abc"},
            "uppercase hex": {"Authorization": "Bearer " + self.node.operator_token.upper()},
            "empty bearer": {"Authorization": "Bearer "},
            "basic scheme": {"Authorization": "Basic " + "YWRtaW46YWRtaW4="},
            "token as basic": {"Authorization": "Basic " + self.node.operator_token},
            "operator token plus junk": {"Authorization": "Bearer " + self.node.operator_token + "x"},
        }
        bodies = {}
        for what, headers in variants.items():
            with self.subTest(what):
                resp = self.anonymous().get(path, headers=headers)
                self.assertError(resp, 401, "unauthorized")
                bodies[what] = resp.content
        self.assertEqual(len(set(bodies.values())), 1, f"401 bodies differ: {bodies}")

    def test_unauthenticated_requests_get_401_before_anything_else(self):
        """No existence oracle and no input parsing for a caller without a token."""
        anon = self.anonymous()
        project = create_project(self, self.node.admin, "auth-oracle")
        before = self.node.snapshot()
        cases = [
            ("GET", API + "/node", None),
            ("GET", f"{API}/projects/{project['id']}", None),
            ("GET", f"{API}/projects/{unknown_id()}", None),
            ("GET", f"{API}/projects/not-an-id", None),
            ("PATCH", f"{API}/projects/{project['id']}", {"name": "stolen"}),
            ("DELETE", f"{API}/projects/{project['id']}", None),
            ("POST", API + "/projects", {"name": "intruder"}),
            ("POST", API + "/tokens", {"name": "x", "role": "admin"}),
            ("POST", API + "/realms", {"name": "x"}),
            ("PATCH", API + "/node/proxy/settings", {"enable_proxy": False}),
        ]
        bodies = set()
        for method, path, body in cases:
            with self.subTest(f"{method} {path}"):
                resp = anon.request(method, path, body, if_match=1 if method in ("PATCH", "PUT") else None)
                self.assertError(resp, 401, "unauthorized")
                bodies.add(resp.content)
        with self.subTest("malformed JSON without a token"):
            resp = anon.post(API + "/projects", data=b"{not json")
            self.assertError(resp, 401, "unauthorized")
            bodies.add(resp.content)
        self.assertEqual(len(bodies), 1, f"401 bodies differ: {bodies}")
        self.assertStoreUnchanged(self.node, before, "requests without a valid token")

    def test_token_secret_is_shown_once_and_stored_only_hashed(self):
        created = create_token(self, self.node.admin, "laptop", "viewer")
        secret = created["token"]
        self.assertTrue(secret.startswith("cowl_") and len(secret) == 69, created)
        conn = ConnectionString(created["connection_string"])
        self.assertEqual(conn.token, secret)
        self.assertEqual(conn.fingerprint, self.node.fingerprint)
        self.assertEqual(conn.port, self.node.port)
        for key in ("id", "name", "realm_id", "role", "created_at", "last_used_at"):
            self.assertIn(key, created)
        self.assertEqual(created["role"], "viewer")
        self.assertIsNone(created["realm_id"])

        listed = self.node.admin.get(API + "/tokens")
        one = self.node.admin.get(f"{API}/tokens/{created['id']}")
        for resp in (listed, one):
            self.assertIn(resp.status_code, (200,), resp.text)
            self.assertNotIn(secret, resp.text)
            self.assertNotIn(secret[5:], resp.text)
            self.assertNotIn(hashlib.sha256(secret.encode()).hexdigest(), resp.text)
        self.assertNotIn("token", one.json())

        found_hash = False
        digest = hashlib.sha256(secret.encode()).hexdigest()
        for root, _dirs, names in os.walk(self.node.state_dir):
            for name in names:
                path = os.path.join(root, name)
                if os.path.islink(path) or not os.path.isfile(path):
                    continue
                with open(path, "rb") as f:
                    data = f.read()
                self.assertNotIn(secret[5:].encode(), data, f"{path} holds the token in clear")
                found_hash = found_hash or digest.encode() in data
        self.assertTrue(found_hash, "the token's SHA-256 is nowhere in the state directory")

        reader = self.node.client(secret)
        self.assertJson(reader.get(API + "/projects"), 200)
        used = self.assertJson(self.node.admin.get(f"{API}/tokens/{created['id']}"), 200)
        self.assertIsNotNone(used["last_used_at"], "last_used_at not set after the token was used")

    def test_revoked_token_is_refused_at_once(self):
        created = create_token(self, self.node.admin, "revoke-me", "operator")
        user = self.node.client(created["token"])
        self.assertJson(user.get(API + "/projects"), 200)
        resp = self.node.admin.delete(f"{API}/tokens/{created['id']}")
        self.assertStatus(resp, 204)
        revoked = user.get(API + "/projects")
        self.assertError(revoked, 401, "unauthorized")
        unknown = self.anonymous().get(API + "/projects",
                                       headers={"Authorization": "Bearer cowl_" + secrets.token_hex(32)})
        self.assertEqual(revoked.content, unknown.content, "a revoked token is distinguishable")
        self.assertError(self.node.admin.get(f"{API}/tokens/{created['id']}"), 404, "not_found")
        ids = [t["id"] for t in list_items(self, self.node.admin.get(API + "/tokens"))]
        self.assertNotIn(created["id"], ids)

    def test_revocation_survives_a_restart(self):
        created = create_token(self, self.node.admin, "revoke-restart", "viewer")
        resp = self.node.admin.delete(f"{API}/tokens/{created['id']}")
        self.assertStatus(resp, 204)
        self.node.stop()
        self.node.start()
        self.assertError(self.node.client(created["token"]).get(API + "/projects"), 401, "unauthorized")
        self.assertJson(self.node.admin.get(API + "/projects"), 200)

    def test_event_stream_needs_a_token(self):
        for headers in ([], ["Authorization: Bearer cowl_" + secrets.token_hex(32)]):
            with self.subTest(headers=headers):
                with self.assertRaises(websocket.WebSocketBadStatusException) as caught:
                    ws = websocket.create_connection(
                        f"wss://127.0.0.1:{self.node.port}{API}/events", header=headers, timeout=10,
                        sslopt={"cert_reqs": ssl.CERT_NONE, "check_hostname": False})
                    ws.close()
                self.assertEqual(caught.exception.status_code, 401)

    def test_cli_token_create_gives_a_working_connection_string(self):
        result = self.node.run_cli("token", "create", "--state-dir", self.node.state_dir,
                                   "--name", "cli-viewer", "--role", "viewer")
        self.assertEqual(result.returncode, 0, result.stderr)
        conn = ConnectionString(result.stdout.strip().splitlines()[-1])
        self.assertEqual(conn.fingerprint, self.node.fingerprint)
        viewer = self.node.client(conn.token)
        self.assertJson(viewer.get(API + "/projects"), 200)
        self.assertError(viewer.post(API + "/projects", {"name": "nope"}), 403, "forbidden")


if __name__ == "__main__":
    unittest.main(verbosity=2)
