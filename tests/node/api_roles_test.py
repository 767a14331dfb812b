#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Roles and scope (docs/api.md "Roles and scope"): viewer reads only, lockdown
may only set enable_proxy false, operator may not touch tokens or realms, realm
tokens stay in their realm. Every refusal is 403 `forbidden` and changes nothing."""

import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from cowlnode import (API, ApiTestCase, NodeProcess, create_container, create_project,  # noqa: E402
                      create_realm, create_token, list_items, unknown_id)


class RolesTest(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        cls.node = NodeProcess()
        cls.node.__enter__()
        cls.addClassCleanup(cls.node.__exit__, None, None, None)
        t = cls()  # an instance for the asserting factories
        admin = cls.node.admin
        cls.realm = create_realm(t, admin, "roles")
        cls.other_realm = create_realm(t, admin, "elsewhere")
        cls.project = create_project(t, admin, "shop", cls.realm["id"])
        cls.container = create_container(t, admin, cls.project["id"], "web")
        cls.tokens = {}
        for role in ("admin", "operator", "viewer", "lockdown"):
            cls.tokens[("realm", role)] = create_token(t, admin, f"realm-{role}", role, cls.realm["id"])
            cls.tokens[("node", role)] = create_token(t, admin, f"node-{role}", role)
        cls.victim = create_token(t, admin, "victim", "viewer", cls.realm["id"])

    def as_(self, scope, role):
        return self.node.client(self.tokens[(scope, role)]["token"])

    def current(self, client, path):
        resp = client.get(path)
        return self.assertJson(resp, 200)

    def refused(self, client, method, path, body=None, what=""):
        """The request is 403 forbidden and the store is byte-for-byte the same."""
        before = self.node.snapshot()
        if_match = None
        if method in ("PATCH", "PUT"):
            if_match = self.current(self.node.admin, path)["version"]
        elif method == "DELETE":
            # A correct If-Match where the object has a version, so only the role is wrong.
            existing = self.node.admin.get(path)
            if existing.status_code == 200 and "version" in existing.json():
                if_match = existing.json()["version"]
        resp = client.request(method, path, body, if_match=if_match)
        self.assertError(resp, 403, "forbidden", msg=what)
        self.assertStoreUnchanged(self.node, before, f"a refused {method} {path} ({what})")

    def reads(self):
        p, c = self.project["id"], self.container["id"]
        return [API + "/node", API + "/projects", f"{API}/projects/{p}", f"{API}/projects/{p}/containers",
                f"{API}/containers/{c}", f"{API}/containers/{c}/programs",
                f"{API}/containers/{c}/proxy/settings", f"{API}/projects/{p}/proxy/settings"]

    def writes(self):
        p, c = self.project["id"], self.container["id"]
        return [
            ("POST", API + "/projects", {"name": "new-one", "realm_id": self.realm["id"]}),
            ("PATCH", f"{API}/projects/{p}", {"name": "renamed"}),
            ("DELETE", f"{API}/projects/{p}", None),
            ("POST", f"{API}/projects/{p}/containers", {"name": "db", "template": "busybox"}),
            ("PATCH", f"{API}/containers/{c}", {"autostart": True}),
            ("DELETE", f"{API}/containers/{c}", None),
            ("PUT", f"{API}/containers/{c}/programs", {"programs": {"http": 8080}}),
            ("PATCH", f"{API}/containers/{c}/proxy/settings", {"default": "allow"}),
            ("PATCH", f"{API}/projects/{p}/proxy/settings", {"enable_proxy": True}),
            ("POST", API + "/tokens", {"name": "more", "role": "viewer", "realm_id": self.realm["id"]}),
            ("DELETE", f"{API}/tokens/{self.victim['id']}", None),
            ("POST", API + "/realms", {"name": "mine"}),
        ]

    def test_viewer_reads_everything_in_scope(self):
        for scope in ("realm", "node"):
            viewer = self.as_(scope, "viewer")
            for path in self.reads():
                with self.subTest(scope=scope, path=path):
                    self.assertJson(viewer.get(path), 200)

    def test_viewer_cannot_write_anything(self):
        for scope in ("realm", "node"):
            viewer = self.as_(scope, "viewer")
            for method, path, body in self.writes() + [
                    ("PATCH", f"{API}/containers/{self.container['id']}/proxy/settings", {"enable_proxy": False}),
                    ("PATCH", API + "/node/proxy/settings", {"enable_proxy": False})]:
                with self.subTest(scope=scope, method=method, path=path):
                    self.refused(viewer, method, path, body, f"{scope} viewer")

    def test_lockdown_role_can_only_lock_down(self):
        for scope in ("realm", "node"):
            lockdown = self.as_(scope, "lockdown")
            for path in self.reads():
                with self.subTest(scope=scope, read=path):
                    self.assertJson(lockdown.get(path), 200)
            for method, path, body in self.writes():
                with self.subTest(scope=scope, method=method, path=path):
                    self.refused(lockdown, method, path, body, f"{scope} lockdown")
            settings = [f"{API}/containers/{self.container['id']}/proxy/settings",
                        f"{API}/projects/{self.project['id']}/proxy/settings"]
            if scope == "node":
                settings.append(API + "/node/proxy/settings")
            for path in settings:
                with self.subTest(scope=scope, settings=path):
                    self.refused(lockdown, "PATCH", path, {"enable_proxy": True}, "unlock")
                    self.refused(lockdown, "PATCH", path, {"enable_proxy": False, "default": "allow"},
                                 "lockdown smuggling another field")
                    if path != API + "/node/proxy/settings":
                        self.refused(lockdown, "PATCH", path, {"default": "deny"}, "default only")
                    version = self.current(self.node.admin, path)["version"]
                    resp = lockdown.patch(path, {"enable_proxy": False}, if_match=version)
                    locked = self.assertJson(resp, 200)
                    self.assertIs(locked["enable_proxy"], False)
                    self.assertEqual(locked["version"], version + 1)
                    self.refused(lockdown, "PATCH", path, {"enable_proxy": True}, "unlock after lockdown")
                    self.assertIs(self.current(self.node.admin, path)["enable_proxy"], False)
                    unlocked = self.node.admin.patch(path, {"enable_proxy": True}, if_match=version + 1)
                    self.assertIs(self.assertJson(unlocked, 200)["enable_proxy"], True)

    def test_operator_cannot_touch_tokens_or_realms(self):
        for scope in ("realm", "node"):
            operator = self.as_(scope, "operator")
            for method, path, body in [
                    ("POST", API + "/tokens", {"name": "more", "role": "viewer", "realm_id": self.realm["id"]}),
                    ("POST", API + "/tokens", {"name": "more", "role": "operator"}),
                    ("DELETE", f"{API}/tokens/{self.victim['id']}", None),
                    ("POST", API + "/realms", {"name": "mine"}),
                    ("DELETE", f"{API}/realms/{self.other_realm['id']}", None)]:
                with self.subTest(scope=scope, method=method, path=path):
                    self.refused(operator, method, path, body, f"{scope} operator")

    def test_operator_writes_in_scope(self):
        operator = self.as_("realm", "operator")
        made = create_project(self, operator, "ops-made")
        self.assertEqual(made["realm_id"], self.realm["id"], "realm_id must default to the token's realm")
        resp = operator.patch(f"{API}/projects/{made['id']}", {"name": "ops-renamed"}, if_match=made["version"])
        self.assertEqual(self.assertJson(resp, 200)["name"], "ops-renamed")
        resp = operator.delete(f"{API}/projects/{made['id']}")
        self.assertStatus(resp, 204)

    def test_realm_admin_manages_tokens_of_its_realm_only(self):
        admin = self.as_("realm", "admin")
        made = create_token(self, admin, "realm-made", "viewer", self.realm["id"])
        self.assertEqual(made["realm_id"], self.realm["id"])
        listed = list_items(self, admin.get(API + "/tokens"))
        self.assertTrue(all(t["realm_id"] == self.realm["id"] for t in listed),
                        f"a realm admin sees tokens of other scopes: {listed}")
        before = self.node.snapshot()
        # realm_id null in a POST means "the creator's scope" (shared/api TokenCreate): either
        # refused, or a token of the creator's realm, never a node-scope one.
        resp = admin.post(API + "/tokens", {"name": "escalate", "role": "admin", "realm_id": None})
        if resp.status_code == 201:
            self.assertEqual(resp.json()["realm_id"], self.realm["id"], "a realm token made a node-scope token")
        else:
            self.assertError(resp, 403, "forbidden")
        before = self.node.snapshot()
        resp = admin.post(API + "/tokens", {"name": "escape", "role": "admin", "realm_id": self.other_realm["id"]})
        self.assertIn(resp.status_code, (403, 404, 422), resp.text)
        self.assertError(resp, resp.status_code, ("forbidden", "not_found", "unprocessable"))
        unknown = admin.post(API + "/tokens", {"name": "escape", "role": "admin", "realm_id": unknown_id()})
        self.assertEqual((resp.status_code, resp.content), (unknown.status_code, unknown.content),
                         "another realm's id in a body is distinguishable from an unknown one")
        self.assertStoreUnchanged(self.node, before, "a realm admin reaching out of its realm")
        for method, path, body in [("GET", API + "/realms", None), ("POST", API + "/realms", {"name": "mine"}),
                                   ("DELETE", f"{API}/realms/{self.other_realm['id']}", None)]:
            with self.subTest(method=method, path=path):
                resp = admin.request(method, path, body)
                self.assertIn(resp.status_code, (403, 404), resp.text)
                self.assertError(resp, resp.status_code, ("forbidden", "not_found"))
        self.assertStoreUnchanged(self.node, before, "a realm admin touching realms")

    def test_only_node_scope_tokens_change_node_settings(self):
        path = API + "/node/proxy/settings"
        for role in ("admin", "operator", "lockdown"):
            with self.subTest(role=role):
                self.refused(self.as_("realm", role), "PATCH", path, {"enable_proxy": False}, f"realm {role}")

    def test_node_admin_token_with_unknown_role_is_refused(self):
        before = self.node.snapshot()
        for role in ("root", "Admin", "", 3, None):
            with self.subTest(role=role):
                resp = self.node.admin.post(API + "/tokens", {"name": "odd", "role": role})
                if isinstance(role, str):
                    self.assertRejectedValue(resp, "role")
                else:
                    self.assertError(resp, 400, "invalid_field", "role")
        self.assertStoreUnchanged(self.node, before, "tokens with unknown roles")


if __name__ == "__main__":
    unittest.main(verbosity=2)
