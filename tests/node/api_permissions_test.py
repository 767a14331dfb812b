#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Access documents over the API (docs/api.md "Permissions", SPEC §3): write-only
secrets never come back (`*_set` flags instead), are not stored or logged in
clear, and are kept by a re-PUT that omits them; the effective document says
where it comes from (container override, project, none); explain evaluates
credentials — HTTP Basic, bearer tokens, IP groups, ports and JWTs minted by
python3-jwt (a client no one here wrote), rejecting expired, alg:none, wrongly
signed and algorithm-confused ones."""

import base64
import hashlib
import hmac
import json
import os
import sys
import time
import unittest

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from cowlnode import (API, ApiTestCase, NodeProcess, create_container, create_project,  # noqa: E402
                      create_token)

PASSWORD = "correct-horse-battery-staple"
TOKEN_VALUE = "tok-" + "7f3a9c" * 6
JWT_SECRET = "jwt-hmac-secret-" + "b4d2" * 6

RSA_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
RSA_PUBLIC_PEM = RSA_KEY.public_key().public_bytes(
    serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unsigned_jwt(claims, header):
    return f"{b64url(json.dumps(header).encode())}.{b64url(json.dumps(claims).encode())}"


def project_document():
    return {
        "groups": {
            "ops": {"type": "password", "username": "alice", "password": PASSWORD},
            "ci": {"type": "token", "value": TOKEN_VALUE},
            "sso": {"type": "jwt", "algorithm": "HS256", "secret": JWT_SECRET, "claims": {"team": "web"}},
            "rsa": {"type": "jwt", "algorithm": "RS256", "public_key": RSA_PUBLIC_PEM,
                    "sources": ["header:X-Id-Token"]},
            "office": {"type": "ip", "cidrs": ["2001:db8:1::/48", "203.0.113.0/24"]},
        },
        "permissions": {
            "ops": {"http": True, "ssh": True},
            "ci": {"http": True},
            "sso": {"http": [80, 8080]},
            "rsa": {"http": True},
            "office": {"terminal": True},
        },
        "default": "deny",
    }


class PermissionsTest(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        cls.node = NodeProcess()
        cls.node.__enter__()
        cls.addClassCleanup(cls.node.__exit__, None, None, None)
        t = cls()
        cls.project = create_project(t, cls.node.admin, "guarded")
        cls.container = create_container(t, cls.node.admin, cls.project["id"], "web")
        cls.other = create_container(t, cls.node.admin, cls.project["id"], "other")
        cls.bare_project = create_project(t, cls.node.admin, "open")
        cls.bare = create_container(t, cls.node.admin, cls.bare_project["id"], "bare")
        cls.project_path = f"{API}/projects/{cls.project['id']}/proxy/permissions"
        resp = cls.node.admin.put(cls.project_path, project_document())
        t.assertIn(resp.status_code, (200, 201), f"PUT of a new project document: {resp.status_code} {resp.text}")
        cls.stored = resp.json()

    def explain(self, container, program="http", credentials=None, client="2001:db8:ff::1", **extra):
        body = {"program": program, "client_address": client, "credentials": credentials or {}, **extra}
        resp = self.node.admin.post(f"{API}/containers/{container['id']}/proxy/explain", body)
        answer = self.assertJson(resp, 200)
        self.assertEqual(set(answer), {"decision", "status", "group", "reason", "source"}, answer)
        self.assertTrue(answer["reason"], answer)
        return answer

    def assertDecision(self, answer, decision, status, group=None, source="project"):
        self.assertEqual((answer["decision"], answer["status"], answer["group"], answer["source"]),
                         (decision, status, group, source), answer)

    def test_secrets_never_come_back(self):
        resp = self.node.admin.get(self.project_path)
        doc = self.assertJson(resp, 200)
        self.assertEtag(resp, doc["version"])
        for text in (resp.text, json.dumps(self.stored)):
            for secret in (PASSWORD, TOKEN_VALUE, JWT_SECRET, "BEGIN PUBLIC KEY"):
                self.assertNotIn(secret, text)
        groups = doc["groups"]
        self.assertIs(groups["ops"].get("password_set"), True, groups["ops"])
        self.assertIs(groups["ci"].get("value_set"), True, groups["ci"])
        self.assertIs(groups["sso"].get("secret_set"), True, groups["sso"])
        self.assertIs(groups["rsa"].get("public_key_set"), True, groups["rsa"])
        for name, key in (("ops", "password"), ("ci", "value"), ("sso", "secret"), ("rsa", "public_key")):
            self.assertNotIn(key, groups[name])
        self.assertEqual(groups["ops"]["username"], "alice")
        self.assertEqual(doc["default"], "deny")

    def test_password_and_token_value_are_not_stored_or_logged_in_clear(self):
        for root, _dirs, names in os.walk(self.node.tmp):
            for name in names:
                path = os.path.join(root, name)
                if not os.path.isfile(path):
                    continue
                with open(path, "rb") as f:
                    data = f.read()
                for secret in (PASSWORD, TOKEN_VALUE):
                    self.assertNotIn(secret.encode(), data, f"{path} holds a secret in clear")

    def test_basic_credentials(self):
        good = self.explain(self.container, credentials={"basic": {"username": "alice", "password": PASSWORD}})
        self.assertDecision(good, "allow", 200, "ops")
        for creds in ({"basic": {"username": "alice", "password": PASSWORD + "x"}},
                      {"basic": {"username": "bob", "password": PASSWORD}}, {}):
            with self.subTest(creds=creds):
                self.assertDecision(self.explain(self.container, credentials=creds), "deny", 401)

    def test_bearer_token_grants_only_its_programs(self):
        self.assertDecision(self.explain(self.container, credentials={"bearer": TOKEN_VALUE}), "allow", 200, "ci")
        # Identified, and no credential group could grant terminal (office is an ip group): 403.
        answer = self.explain(self.container, program="terminal", credentials={"bearer": TOKEN_VALUE})
        self.assertEqual((answer["decision"], answer["status"]), ("deny", 403), answer)
        self.assertDecision(self.explain(self.container, credentials={"bearer": TOKEN_VALUE[:-1] + "0"}), "deny", 401)

    def test_ip_groups(self):
        inside = self.explain(self.container, program="terminal", client="2001:db8:1:2::5")
        self.assertDecision(inside, "allow", 200, "office")
        v4 = self.explain(self.container, program="terminal", client="203.0.113.77")
        self.assertDecision(v4, "allow", 200, "office")
        outside = self.explain(self.container, program="terminal", client="2001:db8:2::5")
        self.assertEqual(outside["decision"], "deny", outside)

    def test_jwt_minted_by_pyjwt(self):
        now = int(time.time())
        claims = {"sub": "carol", "team": "web", "exp": now + 300}
        good = jwt.encode(claims, JWT_SECRET, algorithm="HS256")
        self.assertDecision(self.explain(self.container, credentials={"bearer": good}), "allow", 200, "sso")
        self.assertDecision(self.explain(self.container, credentials={"bearer": good}, port=8080),
                            "allow", 200, "sso")
        port_denied = self.explain(self.container, credentials={"bearer": good}, port=9090)
        self.assertEqual(port_denied["decision"], "deny", port_denied)
        bad = {
            "expired": jwt.encode({**claims, "exp": now - 120}, JWT_SECRET, algorithm="HS256"),
            "not yet valid": jwt.encode({**claims, "nbf": now + 600}, JWT_SECRET, algorithm="HS256"),
            "wrong claim": jwt.encode({**claims, "team": "db"}, JWT_SECRET, algorithm="HS256"),
            "wrong secret": jwt.encode(claims, JWT_SECRET + "x", algorithm="HS256"),
            "alg none": unsigned_jwt(claims, {"alg": "none", "typ": "JWT"}) + ".",
            "HS512": jwt.encode(claims, JWT_SECRET, algorithm="HS512"),
            "tampered": good.rsplit(".", 2)[0] + "." + b64url(json.dumps({**claims, "team": "web",
                                                                           "sub": "mallory"}).encode())
                        + "." + good.rsplit(".", 1)[1],
        }
        for what, token in bad.items():
            with self.subTest(what):
                answer = self.explain(self.container, credentials={"bearer": token})
                self.assertEqual(answer["decision"], "deny", f"{what}: {answer}")
                self.assertNotEqual(answer["group"], "sso", answer)

    def test_rs256_and_algorithm_confusion(self):
        claims = {"sub": "dave", "exp": int(time.time()) + 300}
        good = jwt.encode(claims, RSA_KEY, algorithm="RS256")
        answer = self.explain(self.container, credentials={"headers": {"X-Id-Token": good}})
        self.assertDecision(answer, "allow", 200, "rsa")
        # HS256 signed with the public key as the HMAC secret: the classic confusion attack.
        signing_input = unsigned_jwt(claims, {"alg": "HS256", "typ": "JWT"})
        mac = hmac.new(RSA_PUBLIC_PEM.encode(), signing_input.encode(), hashlib.sha256).digest()
        confused = signing_input + "." + b64url(mac)
        answer = self.explain(self.container, credentials={"headers": {"X-Id-Token": confused}})
        self.assertEqual(answer["decision"], "deny", answer)
        self.assertNotEqual(answer["group"], "rsa", answer)

    def test_re_put_without_secrets_keeps_them(self):
        resp = self.node.admin.get(self.project_path)
        doc = self.assertJson(resp, 200)
        version = doc.pop("version")
        doc["permissions"]["ci"]["terminal"] = True
        resp = self.node.admin.put(self.project_path, doc, if_match=version)
        updated = self.assertJson(resp, 200)
        self.assertEqual(updated["version"], version + 1)
        self.assertDecision(self.explain(self.container, credentials={"basic": {"username": "alice",
                                                                                 "password": PASSWORD}}),
                            "allow", 200, "ops")
        self.assertDecision(self.explain(self.container, program="terminal", credentials={"bearer": TOKEN_VALUE}),
                            "allow", 200, "ci")
        self.assertDecision(self.explain(self.container, credentials={"bearer": jwt.encode(
            {"team": "web", "exp": int(time.time()) + 60}, JWT_SECRET, algorithm="HS256")}), "allow", 200, "sso")

        # A renamed group or a changed type has no stored secret to keep: refused, nothing changed.
        before = self.node.snapshot()
        renamed = json.loads(json.dumps(updated))
        renamed.pop("version")
        renamed["groups"]["admins"] = renamed["groups"].pop("ops")
        renamed["permissions"]["admins"] = renamed["permissions"].pop("ops")
        error = self.assertError(self.node.admin.put(self.project_path, renamed, if_match=version + 1),
                                 400, "missing_field")
        self.assertIn("admins", error["field"])
        retyped = json.loads(json.dumps(updated))
        retyped.pop("version")
        retyped["groups"]["ci"] = {"type": "password", "username": "ci"}
        error = self.assertError(self.node.admin.put(self.project_path, retyped, if_match=version + 1),
                                 400, "missing_field")
        self.assertIn("ci", error["field"])
        self.assertStoreUnchanged(self.node, before, "re-PUTs that lack a secret")

    def test_invalid_documents_change_nothing(self):
        version = self.assertJson(self.node.admin.get(self.project_path), 200)["version"]
        base = project_document()
        cases = {
            "bad group name": ({**base, "groups": {**base["groups"], "bad name!": {"type": "ip",
                                                                                  "cidrs": ["10.0.0.0/8"]}}}),
            "permission for an unknown group": ({**base, "permissions": {**base["permissions"],
                                                                         "ghost": {"http": True}}}),
            "short password": ({**base, "groups": {**base["groups"], "ops": {"type": "password",
                                                                             "username": "alice",
                                                                             "password": "short"}}}),
            "bad cidr": ({**base, "groups": {**base["groups"], "office": {"type": "ip",
                                                                         "cidrs": ["2001:db8::/129"]}}}),
            "unknown group type": ({**base, "groups": {**base["groups"], "office": {"type": "magic"}}}),
            "jwt alg none": ({**base, "groups": {**base["groups"], "sso": {"type": "jwt", "algorithm": "none"}}}),
            "bad port range": ({**base, "permissions": {**base["permissions"], "sso": {"http": "9000-8000"}}}),
        }
        before = self.node.snapshot()
        for what, doc in cases.items():
            with self.subTest(what):
                resp = self.node.admin.put(self.project_path, doc, if_match=version)
                self.assertIn(resp.status_code, (400, 422), f"{what}: {resp.status_code} {resp.text}")
                error = self.assertError(resp, resp.status_code)
                self.assertTrue(error["field"], f"{what}: the error names no field: {error}")
        self.assertStoreUnchanged(self.node, before, "invalid access documents")

    def test_effective_document_and_container_override(self):
        bare = self.assertJson(self.node.admin.get(
            f"{API}/containers/{self.bare['id']}/proxy/permissions/effective"), 200)
        self.assertEqual(bare, {"source": "none", "document": None})
        self.assertError(self.node.admin.get(f"{API}/projects/{self.bare_project['id']}/proxy/permissions"),
                         404, "not_found")
        self.assertDecision(self.explain(self.bare), "allow", 200, None, "none")

        path = f"{API}/containers/{self.other['id']}/proxy/permissions"
        self.assertError(self.node.admin.get(path), 404, "not_found")
        inherited = self.assertJson(self.node.admin.get(path + "/effective"), 200)
        self.assertEqual(inherited["source"], "project")
        project_doc = self.assertJson(self.node.admin.get(self.project_path), 200)
        project_doc.pop("version")
        effective = dict(inherited["document"])
        effective.pop("version", None)
        self.assertEqual(effective, project_doc)

        resp = self.node.admin.put(path, {"groups": {}, "permissions": {}, "default": "allow"})
        self.assertIn(resp.status_code, (200, 201), resp.text)
        override = resp.json()
        effective = self.assertJson(self.node.admin.get(path + "/effective"), 200)
        self.assertEqual(effective["source"], "container")
        self.assertEqual(effective["document"]["default"], "allow")
        self.assertDecision(self.explain(self.other), "allow", 200, None, "container")
        # Override, never a merge: the project's password group means nothing here.
        answer = self.explain(self.other, program="terminal",
                              credentials={"basic": {"username": "alice", "password": PASSWORD}})
        self.assertEqual((answer["source"], answer["group"]), ("container", None), answer)

        before = self.node.snapshot()
        self.assertError(self.node.admin.delete(path), 428, "precondition_required")
        self.assertError(self.node.admin.delete(path, if_match=override["version"] + 1), 412, "precondition_failed")
        self.assertStoreUnchanged(self.node, before, "DELETE of a document without a current If-Match")
        resp = self.node.admin.delete(path, if_match=override["version"])
        self.assertStatus(resp, 204)
        self.assertEqual(self.assertJson(self.node.admin.get(path + "/effective"), 200)["source"], "project")

    def settings_default(self, path, value):
        current = self.assertJson(self.node.admin.get(path), 200)
        resp = self.node.admin.patch(path, {"default": value}, if_match=current["version"])
        return self.assertJson(resp, 200)

    def test_settings_default_overrides_the_document_default(self):
        project = create_project(self, self.node.admin, "flip")
        container = create_container(self, self.node.admin, project["id"], "app")
        project_settings = f"{API}/projects/{project['id']}/proxy/settings"
        container_settings = f"{API}/containers/{container['id']}/proxy/settings"
        # No document in force: open until a settings default says deny.
        self.assertDecision(self.explain(container), "allow", 200, None, "none")
        self.settings_default(project_settings, "deny")
        self.assertDecision(self.explain(container), "deny", 403, None, "none")
        # The container's setting wins over the project's.
        self.settings_default(container_settings, "allow")
        self.assertDecision(self.explain(container), "allow", 200, None, "none")
        # With a document whose own default is allow, a deny setting closes it.
        resp = self.node.admin.put(f"{API}/projects/{project['id']}/proxy/permissions",
                                   {"groups": {}, "permissions": {}, "default": "allow"})
        self.assertIn(resp.status_code, (200, 201), resp.text)
        self.settings_default(container_settings, "deny")
        self.assertDecision(self.explain(container), "deny", 403, None, "project")
        self.settings_default(container_settings, None)
        self.settings_default(project_settings, None)
        self.assertDecision(self.explain(container), "allow", 200, None, "project")

    def test_viewer_reads_but_cannot_write_documents(self):
        viewer = self.node.client(create_token(self, self.node.admin, "perm-viewer", "viewer")["token"])
        doc = self.assertJson(viewer.get(self.project_path), 200)
        self.assertNotIn(PASSWORD, json.dumps(doc))
        version = doc.pop("version")
        before = self.node.snapshot()
        self.assertError(viewer.put(self.project_path, doc, if_match=version), 403, "forbidden")
        self.assertError(viewer.delete(self.project_path, if_match=version), 403, "forbidden")
        self.assertStoreUnchanged(self.node, before, "a viewer writing an access document")


if __name__ == "__main__":
    unittest.main(verbosity=2)
