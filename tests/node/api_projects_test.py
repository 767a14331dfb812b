#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Deleting a project takes everything that hangs off it: its access document,
its proxy settings and its snapshot schedule. Nothing is left in the store for
an id no one can reach any more (and a later project can never inherit it)."""

import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from cowlnode import API, ApiTestCase, NodeProcess, create_project  # noqa: E402

SCHEDULE = {"enabled": True, "retention": {"hourly": 0, "daily": 7, "weekly": 0, "monthly": 0},
            "prune_labelled": False}
DOCUMENT = {"groups": {"ops": {"type": "password", "username": "alice", "password": "correct horse battery"}},
            "permissions": {"ops": {"http": True}}, "default": "deny"}


def stored(store_dir, collection, key):
    return os.path.exists(os.path.join(store_dir, collection, key + ".json"))


class ProjectDeletionTest(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        cls.node = NodeProcess()
        cls.node.__enter__()
        cls.addClassCleanup(cls.node.__exit__, None, None, None)

    def test_delete_removes_what_belongs_to_the_project(self):
        project = create_project(self, self.node.admin, "short-lived")
        pid = project["id"]
        self.assertJson(self.node.admin.put(f"{API}/projects/{pid}/snapshots/schedule", SCHEDULE), 200)
        resp = self.node.admin.put(f"{API}/projects/{pid}/proxy/permissions", DOCUMENT)
        self.assertIn(resp.status_code, (200, 201), resp.text)
        owned = ("schedules_project", "permissions_project", "settings_project", "projects")
        for collection in owned:
            self.assertTrue(stored(self.node.store_dir, collection, pid), collection)

        self.assertStatus(self.node.admin.delete(f"{API}/projects/{pid}"), 204)
        for collection in owned:
            self.assertFalse(stored(self.node.store_dir, collection, pid), f"{collection}/{pid} outlived its project")
        self.assertError(self.node.admin.get(f"{API}/projects/{pid}/snapshots/schedule"), 404, "not_found")


if __name__ == "__main__":
    unittest.main(verbosity=2)
