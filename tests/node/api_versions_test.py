#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Versions and ETags (docs/api.md "Versions and ETags", DESIGN "Nothing acknowledged
is lost"): every versioned object is served with ETag "N"; writes without If-Match
are 428, stale ones 412 with current_version, `If-Match: *` is refused, none of them
changes anything; of two racing writers with the same version exactly one wins."""

import os
import sys
import threading
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from cowlnode import (API, ApiTestCase, NodeProcess, create_container, create_project)  # noqa: E402


class VersionsTest(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        cls.node = NodeProcess()
        cls.node.__enter__()
        cls.addClassCleanup(cls.node.__exit__, None, None, None)
        t = cls()
        cls.project = create_project(t, cls.node.admin, "versions")
        cls.container = create_container(t, cls.node.admin, cls.project["id"], "web")

    def check_preconditions(self, path, method, first, second, check):
        """The whole If-Match contract on one document; `check(doc, body)` says the write landed."""
        admin = self.node.admin
        resp = admin.get(path)
        doc = self.assertJson(resp, 200)
        version = doc["version"]
        self.assertIsInstance(version, int)
        self.assertGreaterEqual(version, 0, "settings and program tables start at 0 before a write")
        self.assertEtag(resp, version)

        before = self.node.snapshot()
        self.assertError(admin.request(method, path, first), 428, "precondition_required")
        for stale in [v for v in (version - 1, version + 1, 999999) if v >= 0]:
            with self.subTest(stale=stale):
                error = self.assertError(admin.request(method, path, first, if_match=stale),
                                         412, "precondition_failed")
                self.assertEqual(error.get("current_version"), version, error)
        star = admin.request(method, path, first, if_match="*")
        self.assertIn(star.status_code, (400, 412, 428), f"If-Match: * accepted: {star.status_code} {star.text}")
        self.assertError(star, star.status_code)
        self.assertStoreUnchanged(self.node, before, f"{method} {path} without a current If-Match")
        again = admin.get(path)
        self.assertEqual(self.assertJson(again, 200), doc, "a refused write changed the document")

        resp = admin.request(method, path, first, if_match=version)
        written = self.assertJson(resp, 200)
        self.assertEqual(written["version"], version + 1)
        self.assertEtag(resp, version + 1)
        check(written, first)
        resp = admin.get(path)
        self.assertEtag(resp, version + 1)
        self.assertEqual(self.assertJson(resp, 200), written, "GET differs from the write's answer")

        before = self.node.snapshot()
        error = self.assertError(admin.request(method, path, second, if_match=version), 412,
                                 "precondition_failed")
        self.assertEqual(error.get("current_version"), version + 1)
        self.assertIn(str(version + 1), error["message"], "412 message should name the current version")
        self.assertStoreUnchanged(self.node, before, "a write with the previous version")
        resp = admin.request(method, path, second, if_match=version + 1)
        check(self.assertJson(resp, 200), second)
        self.assertEtag(resp, version + 2)

    def fields(self, doc, body):
        for key, value in body.items():
            self.assertEqual(doc[key], value, f"{key} not written")

    def test_project(self):
        path = f"{API}/projects/{self.project['id']}"
        self.check_preconditions(path, "PATCH", {"name": "versions-two"}, {"name": "versions-three"}, self.fields)

    def test_container(self):
        path = f"{API}/containers/{self.container['id']}"
        self.check_preconditions(path, "PATCH", {"autostart": True}, {"name": "web-two"}, self.fields)

    def test_programs(self):
        path = f"{API}/containers/{self.container['id']}/programs"
        self.check_preconditions(path, "PUT", {"programs": {"http": 8080, "terminal": 7681}},
                                 {"programs": {"http": 80}}, self.fields)

    def test_node_settings(self):
        self.check_preconditions(API + "/node/proxy/settings", "PATCH", {"enable_proxy": False},
                                 {"enable_proxy": True}, self.fields)

    def test_project_settings(self):
        path = f"{API}/projects/{self.project['id']}/proxy/settings"
        self.check_preconditions(path, "PATCH", {"enable_proxy": False, "default": "deny"},
                                 {"default": None}, self.fields)

    def test_container_settings(self):
        path = f"{API}/containers/{self.container['id']}/proxy/settings"
        self.check_preconditions(path, "PATCH", {"default": "allow"}, {"enable_proxy": False}, self.fields)

    def test_versions_survive_a_restart(self):
        project = create_project(self, self.node.admin, "restart-versions")
        path = f"{API}/projects/{project['id']}"
        resp = self.node.admin.patch(path, {"name": "restart-versions-2"}, if_match=1)
        self.assertEqual(self.assertJson(resp, 200)["version"], 2)
        self.node.stop()
        self.node.start()
        resp = self.node.admin.get(path)
        self.assertEtag(resp, 2)
        self.assertEqual(self.assertJson(resp, 200)["name"], "restart-versions-2")
        error = self.assertError(self.node.admin.patch(path, {"name": "x"}, if_match=1), 412, "precondition_failed")
        self.assertEqual(error.get("current_version"), 2)

    def test_racing_writers_exactly_one_wins(self):
        project = create_project(self, self.node.admin, "race")
        path = f"{API}/projects/{project['id']}"
        clients = [self.node.client(self.node.operator_token) for _ in range(4)]
        version = 1
        for round_ in range(15):
            barrier = threading.Barrier(len(clients))
            results = [None] * len(clients)

            def write(i):
                barrier.wait()
                results[i] = clients[i].patch(path, {"name": f"race-{round_}-{i}"}, if_match=version)

            threads = [threading.Thread(target=write, args=(i,)) for i in range(len(clients))]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            statuses = sorted(r.status_code for r in results)
            self.assertEqual(statuses, [200] + [412] * (len(clients) - 1), f"round {round_}: {statuses}")
            winner = next(r.json() for r in results if r.status_code == 200)
            version += 1
            self.assertEqual(winner["version"], version)
            self.assertEqual(self.assertJson(self.node.admin.get(path), 200)["name"], winner["name"])


if __name__ == "__main__":
    unittest.main(verbosity=2)
