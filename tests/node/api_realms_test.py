#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Realm isolation (docs/api.md "Roles and scope", DESIGN "No existence oracle"):
another realm's ids answer exactly like ids that do not exist and like malformed
ids — the same 404 body, byte for byte — and nothing changes; lists show only the
token's realm; realms themselves follow their rules (names, 409s)."""

import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from cowlnode import (API, ApiTestCase, NodeProcess, create_container, create_project,  # noqa: E402
                      create_realm, create_token, list_items, realm_named, unknown_id)

# (method, path template, body): every route that takes an id of an object in a realm.
ID_ROUTES = [
    ("GET", "/projects/{id}", None),
    ("PATCH", "/projects/{id}", {"name": "hijack"}),
    ("DELETE", "/projects/{id}", None),
    ("GET", "/projects/{id}/containers", None),
    ("POST", "/projects/{id}/containers", {"name": "intruder", "template": "busybox"}),
    ("GET", "/projects/{id}/proxy/settings", None),
    ("PATCH", "/projects/{id}/proxy/settings", {"enable_proxy": False}),
    ("GET", "/projects/{id}/proxy/permissions", None),
    ("PUT", "/projects/{id}/proxy/permissions", {"groups": {}, "permissions": {}, "default": "allow"}),
    ("DELETE", "/projects/{id}/proxy/permissions", None),
]
CONTAINER_ROUTES = [
    ("GET", "/containers/{id}", None),
    ("PATCH", "/containers/{id}", {"autostart": True}),
    ("DELETE", "/containers/{id}", None),
    ("GET", "/containers/{id}/programs", None),
    ("PUT", "/containers/{id}/programs", {"programs": {"http": 8080}}),
    ("GET", "/containers/{id}/proxy/settings", None),
    ("PATCH", "/containers/{id}/proxy/settings", {"enable_proxy": False}),
    ("GET", "/containers/{id}/proxy/permissions", None),
    ("PUT", "/containers/{id}/proxy/permissions", {"groups": {}, "permissions": {}, "default": "allow"}),
    ("GET", "/containers/{id}/proxy/permissions/effective", None),
    ("POST", "/containers/{id}/proxy/explain", {"program": "http", "client_address": "2001:db8::1",
                                                 "credentials": {}}),
    ("POST", "/containers/{id}/start", None),
]


def malformed_variants(real_id):
    return {
        "uppercase": real_id.upper(),
        "short": real_id[:-1],
        "long": real_id + "0",
        "not hex": "g" * 24,
        "word": "default",
        "spaces": "%20" * 24,
    }


class RealmIsolationTest(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        cls.node = NodeProcess()
        cls.node.__enter__()
        cls.addClassCleanup(cls.node.__exit__, None, None, None)
        t = cls()
        admin = cls.node.admin
        cls.realm_a = create_realm(t, admin, "alpha")
        cls.realm_b = create_realm(t, admin, "beta")
        cls.a = cls.node.client(create_token(t, admin, "alpha-admin", "admin", cls.realm_a["id"])["token"])
        cls.b = cls.node.client(create_token(t, admin, "beta-admin", "admin", cls.realm_b["id"])["token"])
        cls.project_a = create_project(t, cls.a, "secret-shop")
        cls.container_a = create_container(t, cls.a, cls.project_a["id"], "vault")
        cls.project_b = create_project(t, cls.b, "own-shop")

    def sweep(self, routes, real_id):
        """Every route with a foreign, an unknown and malformed ids: one identical 404 body."""
        before = self.node.snapshot()
        bodies = {}
        ids = {"foreign": real_id, "unknown": unknown_id()}
        ids.update(malformed_variants(real_id))
        for method, template, body in routes:
            for what, value in ids.items():
                path = API + template.format(id=value)
                with self.subTest(method=method, path=template, id=what):
                    resp = self.b.request(method, path, body,
                                          if_match=1 if method in ("PUT", "PATCH") else None)
                    self.assertError(resp, 404, "not_found", msg=f"{what} id")
                    bodies.setdefault(resp.content, []).append(f"{method} {template} [{what}]")
                    self.assertEqual(resp.headers.get("ETag"), None, "a 404 carries an ETag")
        self.assertEqual(len(bodies), 1, f"404 bodies differ (an existence oracle): {bodies}")
        self.assertStoreUnchanged(self.node, before, "requests on foreign ids")

    def test_foreign_project_ids_are_indistinguishable_from_unknown_ones(self):
        self.sweep(ID_ROUTES, self.project_a["id"])

    def test_foreign_container_ids_are_indistinguishable_from_unknown_ones(self):
        self.sweep(CONTAINER_ROUTES, self.container_a["id"])

    def test_foreign_tokens_and_realms_are_hidden(self):
        token_a = list_items(self, self.a.get(API + "/tokens"))[0]
        self.sweep([("GET", "/tokens/{id}", None), ("DELETE", "/tokens/{id}", None)], token_a["id"])

    def test_the_owner_still_sees_everything(self):
        self.assertJson(self.a.get(f"{API}/projects/{self.project_a['id']}"), 200)
        self.assertJson(self.a.get(f"{API}/containers/{self.container_a['id']}"), 200)
        self.assertJson(self.node.admin.get(f"{API}/containers/{self.container_a['id']}"), 200)

    def test_lists_show_only_the_tokens_realm(self):
        ids_b = {p["id"] for p in list_items(self, self.b.get(API + "/projects"))}
        ids_a = {p["id"] for p in list_items(self, self.a.get(API + "/projects"))}
        ids_all = {p["id"] for p in list_items(self, self.node.admin.get(API + "/projects"))}
        self.assertIn(self.project_b["id"], ids_b)
        self.assertNotIn(self.project_a["id"], ids_b)
        self.assertNotIn(self.project_b["id"], ids_a)
        self.assertTrue({self.project_a["id"], self.project_b["id"]} <= ids_all)
        for p in list_items(self, self.b.get(API + "/projects")):
            self.assertEqual(p["realm_id"], self.realm_b["id"])
        tokens_b = list_items(self, self.b.get(API + "/tokens"))
        self.assertTrue(tokens_b)
        self.assertTrue(all(t["realm_id"] == self.realm_b["id"] for t in tokens_b), tokens_b)

    def test_realm_token_cannot_create_in_another_realm(self):
        before = self.node.snapshot()
        resp = self.b.post(API + "/projects", {"name": "planted", "realm_id": self.realm_a["id"]})
        self.assertIn(resp.status_code, (403, 404, 422), resp.text)
        self.assertError(resp, resp.status_code, ("forbidden", "not_found", "unprocessable"))
        unknown = self.b.post(API + "/projects", {"name": "planted", "realm_id": unknown_id()})
        self.assertEqual((resp.status_code, resp.content), (unknown.status_code, unknown.content),
                         "another realm's id in a body is distinguishable from an unknown one")
        self.assertStoreUnchanged(self.node, before, "creating a project in a foreign realm")
        names_a = [p["name"] for p in list_items(self, self.a.get(API + "/projects"))]
        self.assertNotIn("planted", names_a)

    def test_node_scope_projects_default_to_the_default_realm(self):
        default = realm_named(self, self.node.admin, "default")
        made = create_project(self, self.node.admin, "default-home")
        self.assertEqual(made["realm_id"], default["id"])

    def test_same_project_name_in_two_realms_is_fine_but_not_twice_in_one(self):
        create_project(self, self.a, "twin")
        create_project(self, self.b, "twin")
        before = self.node.snapshot()
        self.assertError(self.a.post(API + "/projects", {"name": "twin"}), 409, "conflict")
        self.assertStoreUnchanged(self.node, before, "a duplicate project name")


class RealmLifecycleTest(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        cls.node = NodeProcess()
        cls.node.__enter__()
        cls.addClassCleanup(cls.node.__exit__, None, None, None)

    def test_realm_shape_and_default_realm(self):
        default = realm_named(self, self.node.admin, "default")
        for key in ("id", "name", "created_at", "version"):
            self.assertIn(key, default)
        made = create_realm(self, self.node.admin, "Acme Corp_1.eu-west")
        self.assertEqual(made["version"], 1)
        self.assertEqual(self.assertJson(self.node.admin.get(f"{API}/realms/{made['id']}"), 200), made)

    def test_realm_names_follow_the_rules(self):
        create_realm(self, self.node.admin, "taken")
        create_realm(self, self.node.admin, "x" * 63)
        before = self.node.snapshot()
        for name in ("", "x" * 64, "a/b", "semi;colon", "caf\u00e9", "tab\tname", "new\nline"):
            with self.subTest(name=name):
                self.assertRejectedValue(self.node.admin.post(API + "/realms", {"name": name}), "name")
        self.assertError(self.node.admin.post(API + "/realms", {"name": "taken"}), 409, "conflict")
        self.assertStoreUnchanged(self.node, before, "refused realm names")

    def test_realm_in_use_cannot_be_deleted(self):
        with_project = create_realm(self, self.node.admin, "busy-projects")
        project = create_project(self, self.node.admin, "keep", with_project["id"])
        with_token = create_realm(self, self.node.admin, "busy-tokens")
        token = create_token(self, self.node.admin, "keep", "viewer", with_token["id"])
        before = self.node.snapshot()
        for realm in (with_project, with_token):
            with self.subTest(realm=realm["name"]):
                self.assertError(self.node.admin.delete(f"{API}/realms/{realm['id']}"), 409, "conflict")
        self.assertStoreUnchanged(self.node, before, "deleting realms in use")
        resp = self.node.admin.delete(f"{API}/projects/{project['id']}", if_match=project["version"])
        self.assertStatus(resp, 204)
        resp = self.node.admin.delete(f"{API}/tokens/{token['id']}")
        self.assertStatus(resp, 204)
        for realm in (with_project, with_token):
            with self.subTest(realm=realm["name"]):
                resp = self.node.admin.delete(f"{API}/realms/{realm['id']}")
                self.assertStatus(resp, 204)
                self.assertError(self.node.admin.get(f"{API}/realms/{realm['id']}"), 404, "not_found")


if __name__ == "__main__":
    unittest.main(verbosity=2)
