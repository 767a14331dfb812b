#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The event stream (docs/api.md "Events"): hello first; a change made by one
client arrives at the other clients of the same realm as one event carrying the
object as GET returns it; another realm's clients never see it; seq grows; a
revoked token's socket is closed at once while the others stay open."""

import json
import os
import sys
import time
import unittest

import websocket

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from cowlnode import (API, ApiTestCase, NodeProcess, create_project, create_realm,  # noqa: E402
                      create_token)

WAIT = 5.0


class EventStream:
    def __init__(self, test, ws):
        self.test = test
        self.ws = ws
        self.seen = []

    def next(self, timeout=WAIT):
        self.ws.settimeout(timeout)
        frame = self.ws.recv()
        self.test.assertIsInstance(frame, str, "events are text frames")
        event = json.loads(frame)
        self.seen.append(event)
        return event

    def until(self, predicate, timeout=WAIT):
        """The first event that matches, skipping others; fails after timeout."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                self.test.fail(f"no matching event within {timeout} s; saw {self.seen}")
            try:
                event = self.next(left)
            except websocket.WebSocketTimeoutException:
                continue
            if predicate(event):
                return event

    def close(self):
        self.ws.close()


class EventsTest(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        cls.node = NodeProcess()
        cls.node.__enter__()
        cls.addClassCleanup(cls.node.__exit__, None, None, None)
        t = cls()
        cls.realm_a = create_realm(t, cls.node.admin, "events-a")
        cls.realm_b = create_realm(t, cls.node.admin, "events-b")
        cls.a_admin = cls.node.client(create_token(t, cls.node.admin, "a-admin", "admin", cls.realm_a["id"])["token"])
        cls.a_viewer = cls.node.client(create_token(t, cls.node.admin, "a-view", "viewer", cls.realm_a["id"])["token"])
        cls.b_admin = cls.node.client(create_token(t, cls.node.admin, "b-admin", "admin", cls.realm_b["id"])["token"])

    def stream(self, client):
        s = EventStream(self, client.websocket())
        self.addCleanup(s.close)
        hello = s.next()
        self.assertEqual(hello["kind"], "hello", hello)
        self.assertIsInstance(hello["seq"], int)
        self.assertEqual(hello["node"], {"name": "node1", "domain": "cowl.test"})
        return s

    def check_event(self, event, kind, resource, obj_id, realm_id):
        for key in ("seq", "time", "kind", "resource", "id", "realm_id", "data"):
            self.assertIn(key, event, f"event lacks {key}: {event}")
        self.assertEqual((event["kind"], event["resource"], event["id"], event["realm_id"]),
                         (kind, resource, obj_id, realm_id), event)
        self.assertRegex(event["time"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$")

    def test_changes_reach_the_same_realm_only(self):
        viewer = self.stream(self.a_viewer)
        node_wide = self.stream(self.node.admin)
        other = self.stream(self.b_admin)

        project = create_project(self, self.a_admin, "evented")
        pid = project["id"]
        for s in (viewer, node_wide):
            event = s.until(lambda e: e.get("id") == pid)
            self.check_event(event, "created", "project", pid, self.realm_a["id"])
            self.assertEqual(event["data"], project)

        resp = self.a_admin.patch(f"{API}/projects/{pid}", {"name": "evented-2"}, if_match=1)
        updated = self.assertJson(resp, 200)
        event = viewer.until(lambda e: e.get("id") == pid)
        self.check_event(event, "updated", "project", pid, self.realm_a["id"])
        self.assertEqual(event["data"], updated)

        resp = self.a_admin.delete(f"{API}/projects/{pid}", if_match=2)
        self.assertStatus(resp, 204)
        event = viewer.until(lambda e: e.get("id") == pid)
        self.check_event(event, "deleted", "project", pid, self.realm_a["id"])
        self.assertIsNone(event["data"])

        # B's stream is in order: if it got anything of A's, it comes before B's own event.
        own = create_project(self, self.b_admin, "b-own")
        event = other.until(lambda e: e.get("resource") == "project")
        self.assertEqual(event["id"], own["id"], f"realm B saw realm A's project: {event}")
        leaked = [e for e in other.seen if e.get("realm_id") == self.realm_a["id"] or e.get("id") == pid]
        self.assertEqual(leaked, [], "realm B's stream carried realm A's events")

        seqs = [e["seq"] for e in viewer.seen]
        self.assertEqual(seqs, sorted(seqs), f"seq not increasing: {seqs}")
        self.assertEqual(len(seqs), len(set(seqs)), f"seq repeated: {seqs}")

    def test_settings_change_is_an_event(self):
        viewer = self.stream(self.a_viewer)
        project = create_project(self, self.a_admin, "evented-settings")
        path = f"{API}/projects/{project['id']}/proxy/settings"
        version = self.assertJson(self.a_admin.get(path), 200)["version"]
        changed = self.assertJson(self.a_admin.patch(path, {"enable_proxy": False}, if_match=version), 200)
        event = viewer.until(lambda e: e.get("resource") == "settings")
        self.assertEqual(event["kind"], "updated")
        self.assertEqual(event["realm_id"], self.realm_a["id"])
        self.assertEqual(event["data"], changed)

    def test_revoked_tokens_socket_is_closed(self):
        doomed = create_token(self, self.node.admin, "doomed", "viewer", self.realm_a["id"])
        doomed_stream = self.stream(self.node.client(doomed["token"]))
        survivor = self.stream(self.a_viewer)
        resp = self.node.admin.delete(f"{API}/tokens/{doomed['id']}")
        self.assertStatus(resp, 204)
        deadline = time.monotonic() + WAIT
        close_code = None
        while time.monotonic() < deadline and close_code is None:
            doomed_stream.ws.settimeout(max(0.1, deadline - time.monotonic()))
            try:
                opcode, frame = doomed_stream.ws.recv_data_frame(control_frame=True)
            except websocket.WebSocketTimeoutException:
                continue
            except (websocket.WebSocketConnectionClosedException, ConnectionError, OSError) as e:
                self.fail(f"the revoked token's socket was dropped without a close frame: {e!r}")
            if opcode == websocket.ABNF.OPCODE_CLOSE:
                close_code = int.from_bytes(frame.data[:2], "big") if len(frame.data) >= 2 else 0
        self.assertIsNotNone(close_code, f"the revoked token's socket is still open after {WAIT} s")
        self.assertEqual(close_code, 1008, "docs/api.md: revoking closes the socket with 1008 (policy)")
        project = create_project(self, self.a_admin, "after-revoke")
        survivor.until(lambda e: e.get("id") == project["id"])

    def test_event_stream_for_a_viewer_opens_and_a_new_socket_after_revoke_is_refused(self):
        doomed = create_token(self, self.node.admin, "doomed-2", "viewer", self.realm_a["id"])
        client = self.node.client(doomed["token"])
        self.stream(client)
        self.assertStatus(self.node.admin.delete(f"{API}/tokens/{doomed['id']}"), 204)
        with self.assertRaises(websocket.WebSocketBadStatusException) as caught:
            client.websocket()
        self.assertEqual(caught.exception.status_code, 401)


if __name__ == "__main__":
    unittest.main(verbosity=2)
