#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Aliases (docs/api.md "Aliases", SPEC §5, §1): the answer carries url and risk;
names follow the rules (length, hyphens, reserved words, container host names)
and are unique per node; an empty name gets 24 random hex; expiry must be in the
future; a container with aliases is not deleted unless asked; another realm's
containers and aliases are as unknown as ids that do not exist."""

import datetime
import os
import re
import sys
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from cowlnode import (API, ApiTestCase, NodeProcess, create_container, create_project,  # noqa: E402
                      create_realm, create_token, list_items, unknown_id)

LEVELS = ["low", "medium", "high", "critical"]


class AliasesTest(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        cls.node = NodeProcess()
        cls.node.__enter__()
        cls.addClassCleanup(cls.node.__exit__, None, None, None)
        t = cls()
        cls.project = create_project(t, cls.node.admin, "shop")
        cls.container = create_container(t, cls.node.admin, cls.project["id"], "web")

    def create(self, **fields):
        body = {"container_id": self.container["id"], "program": "http", **fields}
        return self.assertJson(self.node.admin.post(API + "/aliases", body), 201)

    def check_risk(self, alias):
        risk = alias["risk"]
        self.assertIn(risk["level"], LEVELS, alias)
        self.assertIsInstance(risk["reasons"], list)
        for reason in risk["reasons"]:
            self.assertEqual(set(reason), {"code", "message"}, reason)
            self.assertTrue(reason["code"] and reason["message"], reason)
        return LEVELS.index(risk["level"])

    def test_created_alias_has_the_documented_shape(self):
        alias = self.create(alias="docs-site")
        for key in ("id", "alias", "container_id", "program", "target_path", "allow_path_override",
                    "expires_at", "enabled", "created_at", "updated_at", "url", "risk"):
            self.assertIn(key, alias)
        self.assertEqual(alias["alias"], "docs-site")
        self.assertEqual(alias["url"], "https://docs-site.node1.cowl.test")
        self.assertIs(alias["allow_path_override"], True, "allow_path_override defaults to true")
        self.assertIs(alias["enabled"], True, "enabled defaults to true")
        self.assertIsNone(alias["expires_at"])
        self.check_risk(alias)
        resp = self.node.admin.get(f"{API}/aliases/{alias['id']}")
        self.assertEqual(self.assertJson(resp, 200), alias)
        if "version" in alias:
            self.assertEtag(resp, alias["version"])
        self.assertIn(alias["id"], [a["id"] for a in list_items(self, self.node.admin.get(API + "/aliases"))])

    def test_empty_name_gets_24_random_hex(self):
        names = [self.create()["alias"], self.create(alias="")["alias"]]
        for name in names:
            self.assertRegex(name, r"^[0-9a-f]{24}$")
        self.assertNotEqual(names[0], names[1])

    def test_names_follow_the_rules(self):
        pid, cid = self.project["id"], self.container["id"]
        before = self.node.snapshot()
        for name in ("ab", "x" * 62, "-abc", "abc-", "Abc", "a_b", "a.b", "caf\u00e9", "containers", "proxy",
                     "workspaces", "api", "proxy-x", "workspaces-y", f"{pid}-{cid}-http",
                     f"{pid}-{cid}-terminal-2", f"{pid}-{cid}-http-8080"):
            with self.subTest(name=name):
                resp = self.node.admin.post(API + "/aliases", {"alias": name, "container_id": cid,
                                                               "program": "http"})
                self.assertRejectedValue(resp, "alias")
        self.assertStoreUnchanged(self.node, before, "refused alias names")
        self.create(alias="abc")
        self.create(alias="a" * 61)
        self.create(alias="my-proxy")

    def test_names_are_unique_per_node(self):
        self.create(alias="only-once")
        other_realm = create_realm(self, self.node.admin, "aliases-other")
        other = self.node.client(create_token(self, self.node.admin, "other", "admin", other_realm["id"])["token"])
        other_project = create_project(self, other, "their")
        other_container = create_container(self, other, other_project["id"], "box")
        before = self.node.snapshot()
        self.assertError(self.node.admin.post(API + "/aliases", {"alias": "only-once", "container_id":
                                                                 self.container["id"], "program": "http"}),
                         409, "conflict")
        self.assertError(other.post(API + "/aliases", {"alias": "only-once", "container_id":
                                                        other_container["id"], "program": "http"}),
                         409, "conflict")
        self.assertStoreUnchanged(self.node, before, "alias name clashes")

    def test_expiry_must_be_in_the_future(self):
        past = (datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(hours=1))
        future = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=2))
        before = self.node.snapshot()
        for value in (past.strftime("%Y-%m-%dT%H:%M:%SZ"), int(past.timestamp()), "tomorrow",
                      "2026-13-01T00:00:00Z"):
            with self.subTest(expires_at=value):
                resp = self.node.admin.post(API + "/aliases", {"container_id": self.container["id"],
                                                               "program": "http", "expires_at": value})
                self.assertRejectedValue(resp, "expires_at")
        self.assertStoreUnchanged(self.node, before, "refused expiries")
        rfc = self.create(expires_at=future.strftime("%Y-%m-%dT%H:%M:%SZ"))
        unix = self.create(expires_at=int(future.timestamp()))
        for alias in (rfc, unix):
            self.assertRegex(alias["expires_at"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
        self.assertEqual(rfc["expires_at"], future.strftime("%Y-%m-%dT%H:%M:%SZ"))

    def test_risk_reflects_program_name_and_expiry(self):
        public = self.create(alias="quiet-meadow-7", program="http",
                             expires_at=int(time.time()) + 86400)
        generic = self.create(alias="admin", program="http", expires_at=int(time.time()) + 86400)
        operator = self.create(alias="quiet-shell-7", program="terminal")
        self.assertGreater(len(generic["risk"]["reasons"]), len(public["risk"]["reasons"]),
                           f"a generic name adds no reason: {generic['risk']} vs {public['risk']}")
        self.assertGreaterEqual(self.check_risk(operator), LEVELS.index("high"),
                                f"an unprotected, never-expiring terminal alias is not high risk: {operator['risk']}")
        self.assertGreater(self.check_risk(operator), self.check_risk(public))

    def test_programs_and_targets_are_checked(self):
        before = self.node.snapshot()
        cid = self.container["id"]
        for body, field in (({"program": "no-such-program"}, "program"),
                            ({"program": "http", "port": 70000}, "port"),
                            ({"program": "terminal", "index": 0}, "index"),
                            ({"program": "terminal", "index": 10000}, "index")):
            with self.subTest(body=body):
                self.assertRejectedValue(self.node.admin.post(API + "/aliases", {"container_id": cid, **body}),
                                         field)
        both = self.node.admin.post(API + "/aliases", {"container_id": cid, "program": "http", "index": 1,
                                                       "port": 8080})
        self.assertIn(both.status_code, (400, 422), both.text)
        self.assertError(both, both.status_code)
        self.assertStoreUnchanged(self.node, before, "refused alias targets")
        dynamic = self.create(program="http", port=8080)
        self.assertEqual(dynamic["port"], 8080)

    def test_program_must_be_in_the_containers_table(self):
        slim = create_container(self, self.node.admin, self.project["id"], "slim")
        programs = f"{API}/containers/{slim['id']}/programs"
        current = self.assertJson(self.node.admin.get(programs), 200)
        self.assertJson(self.node.admin.put(programs, {"programs": {"http": 80}}, if_match=current["version"]), 200)
        before = self.node.snapshot()
        refused = self.node.admin.post(API + "/aliases", {"container_id": slim["id"], "program": "terminal"})
        self.assertRejectedValue(refused, "program")
        self.assertIn("programs table", refused.json()["error"]["message"])
        self.assertStoreUnchanged(self.node, before, "an alias to a program the container does not list")
        by_port = self.assertJson(self.node.admin.post(API + "/aliases", {"container_id": slim["id"],
                                                                          "program": "http", "port": 9000}), 201)
        self.assertEqual(by_port["port"], 9000)

    def test_patch_needs_if_match(self):
        alias = self.create(alias="patch-me")
        path = f"{API}/aliases/{alias['id']}"
        version = alias["version"]
        before = self.node.snapshot()
        self.assertError(self.node.admin.patch(path, {"enabled": False}), 428, "precondition_required")
        error = self.assertError(self.node.admin.patch(path, {"enabled": False}, if_match=version + 7),
                                 412, "precondition_failed")
        self.assertEqual(error.get("current_version"), version)
        self.assertStoreUnchanged(self.node, before, "alias PATCH without a current If-Match")
        resp = self.node.admin.patch(path, {"enabled": False, "target_path": "/docs/"}, if_match=version)
        patched = self.assertJson(resp, 200)
        self.assertEqual((patched["enabled"], patched["target_path"], patched["version"]),
                         (False, "/docs/", version + 1))
        self.assertEtag(resp, version + 1)

    def test_container_with_aliases_is_deleted_only_when_asked(self):
        container = create_container(self, self.node.admin, self.project["id"], "doomed")
        first = self.create(container_id=container["id"])
        second = self.create(container_id=container["id"], program="terminal")
        path = f"{API}/containers/{container['id']}"
        before = self.node.snapshot()
        resp = self.node.admin.delete(path, if_match=container["version"])
        self.assertError(resp, 409, "conflict")
        for alias in (first, second):
            self.assertIn(alias["id"], resp.text, "the 409 must list the aliases in the way")
        self.assertStoreUnchanged(self.node, before, "a refused container delete")
        resp = self.node.admin.delete(path + "?delete_aliases=true", if_match=container["version"])
        self.assertStatus(resp, 204)
        self.assertError(self.node.admin.get(path), 404, "not_found")
        for alias in (first, second):
            self.assertError(self.node.admin.get(f"{API}/aliases/{alias['id']}"), 404, "not_found")

    def test_other_realms_containers_and_aliases_are_unknown(self):
        mine = self.create(alias="realm-private")
        realm = create_realm(self, self.node.admin, "aliases-outsider")
        outsider = self.node.client(create_token(self, self.node.admin, "outsider", "admin", realm["id"])["token"])
        before = self.node.snapshot()
        foreign = outsider.post(API + "/aliases", {"container_id": self.container["id"], "program": "http"})
        unknown = outsider.post(API + "/aliases", {"container_id": unknown_id(), "program": "http"})
        self.assertIn(foreign.status_code, (404, 422), foreign.text)
        self.assertError(foreign, foreign.status_code)
        self.assertEqual((foreign.status_code, foreign.content), (unknown.status_code, unknown.content),
                         "a foreign container_id is distinguishable from an unknown one")
        bodies = set()
        for alias_id in (mine["id"], unknown_id(), "not-an-id"):
            for method in ("GET", "PATCH", "DELETE"):
                resp = outsider.request(method, f"{API}/aliases/{alias_id}",
                                        {"enabled": False} if method == "PATCH" else None,
                                        if_match=1 if method == "PATCH" else None)
                self.assertError(resp, 404, "not_found")
                bodies.add(resp.content)
        self.assertEqual(len(bodies), 1, bodies)
        self.assertNotIn(mine["id"], [a["id"] for a in list_items(self, outsider.get(API + "/aliases"))])
        self.assertStoreUnchanged(self.node, before, "an outsider poking at aliases")
        self.assertTrue(re.fullmatch(r"[0-9a-f]{24}", mine["id"]))


if __name__ == "__main__":
    unittest.main(verbosity=2)
