#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Durability (DESIGN "Nothing acknowledged is lost"): writer threads do
acknowledged writes (POST creates, PATCHes with If-Match) as fast as they can;
the node is killed with SIGKILL at a random moment in the middle of the stream;
after restart every acknowledged write is there with its version, a write that
was in flight is either fully there or not at all, every store file parses, and
writing goes on. Five rounds on the same state directory."""

import json
import os
import random
import sys
import threading
import time
import unittest

import requests

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from cowlnode import API, ApiTestCase, NodeProcess, create_container, create_project, list_items  # noqa: E402

ROUNDS = 5
PATCHERS = 3


class Ledger:
    """What the node acknowledged, and what was in flight when it died."""

    def __init__(self):
        self.lock = threading.Lock()
        self.created = {}      # project id -> name (acknowledged 201)
        self.patched = {}      # path -> (acknowledged version, body)
        self.in_flight = {}    # path -> (version it would become, body)
        self.count = 0
        self.refusals = []     # answers other than 2xx while the node was up: always a bug here
        self.errors = []       # how each writer ended (connection errors once the node is dead)


class DurabilityTest(ApiTestCase):
    def setUp(self):
        seed = int(os.environ.get("COWL_TEST_SEED", time.time_ns()))
        print(f"durability seed {seed}", file=sys.stderr)
        self.random = random.Random(seed)

    def writers(self, node, ledger, stop, round_):
        """Threads that write until the node dies (or stop is set); they record only 2xx answers."""

        def creator():
            client = node.client(node.operator_token)
            n = 0
            while not stop.is_set():
                name = f"r{round_}-c{n}"
                n += 1
                try:
                    resp = client.post(API + "/projects", {"name": name}, timeout=5)
                except requests.RequestException as e:
                    ledger.errors.append(f"POST: {type(e).__name__}: {e}")
                    return
                if resp.status_code != 201:
                    with ledger.lock:
                        ledger.refusals.append(f"POST {name}: {resp.status_code} {resp.text[:300]}")
                    return
                with ledger.lock:
                    ledger.created[resp.json()["id"]] = name
                    ledger.count += 1

        def patcher(path, make_body):
            client = node.client(node.operator_token)
            i = 0
            while not stop.is_set():
                with ledger.lock:
                    version = ledger.patched[path][0]
                body = make_body(i)
                i += 1
                with ledger.lock:
                    ledger.in_flight[path] = (version + 1, body)
                try:
                    resp = client.patch(path, body, if_match=version, timeout=5)
                except requests.RequestException as e:
                    ledger.errors.append(f"PATCH {path}: {type(e).__name__}: {e}")
                    return
                if resp.status_code != 200:
                    with ledger.lock:
                        ledger.refusals.append(f"PATCH {path}: {resp.status_code} {resp.text[:300]}")
                    return
                doc = resp.json()
                with ledger.lock:
                    ledger.patched[path] = (doc["version"], body)
                    del ledger.in_flight[path]
                    ledger.count += 1

        threads = [threading.Thread(target=creator)]
        for k, path in enumerate(sorted(ledger.patched)):
            if "/proxy/settings" in path:
                make = (lambda i: {"enable_proxy": i % 2 == 0, "default": ("allow", "deny")[i % 2]})
            else:
                make = (lambda i, k=k: {"name": f"p{k}-r{round_}-{i}"})
            threads.append(threading.Thread(target=patcher, args=(path, make)))
        return threads

    def verify(self, node, ledger):
        for path, (version, body) in ledger.patched.items():
            resp = node.admin.get(path)
            doc = self.assertJson(resp, 200)
            pending = ledger.in_flight.get(path)
            if pending is not None and doc["version"] == pending[0]:
                expected_body = pending[1]   # the write in flight landed whole
            else:
                self.assertEqual(doc["version"], version,
                                 f"{path}: acknowledged version {version}, after restart {doc['version']}")
                expected_body = body
            for key, value in expected_body.items():
                self.assertEqual(doc[key], value, f"{path}: acknowledged {key}={value!r} lost: {doc}")
            self.assertEtag(resp, doc["version"])
            ledger.patched[path] = (doc["version"], expected_body)
        ledger.in_flight.clear()
        listed = {p["id"]: p["name"] for p in list_items(self, node.admin.get(API + "/projects"))}
        for project_id, name in ledger.created.items():
            self.assertIn(project_id, listed, f"acknowledged project {name} ({project_id}) lost")
            if f"{API}/projects/{project_id}" not in ledger.patched:
                self.assertEqual(listed[project_id], name)

    def check_store_files(self, node):
        damaged, stray = [], []
        for root, _dirs, names in os.walk(node.store_dir):
            for name in names:
                path = os.path.join(root, name)
                if not name.endswith(".json"):
                    stray.append(os.path.relpath(path, node.store_dir))
                    continue
                try:
                    with open(path) as f:
                        doc = json.load(f)
                    self.assertIsInstance(doc.get("version"), int)
                    self.assertGreaterEqual(doc["version"], 1)
                    self.assertIsInstance(doc.get("body"), dict)
                except (ValueError, AssertionError) as e:
                    damaged.append(f"{path}: {e}")
        self.assertEqual(damaged, [], "damaged store documents after kill -9")
        return stray

    def test_acknowledged_writes_survive_kill_9(self):
        with NodeProcess() as node:
            ledger = Ledger()
            targets = []
            for k in range(PATCHERS):
                p = create_project(self, node.admin, f"durable-{k}")
                ledger.created[p["id"]] = p["name"]
                targets.append((f"{API}/projects/{p['id']}", p["version"]))
            container = create_container(self, node.admin, targets[0][0].rsplit("/", 1)[1], "web")
            settings = f"{API}/containers/{container['id']}/proxy/settings"
            targets.append((settings, self.assertJson(node.admin.get(settings), 200)["version"]))
            for path, version in targets:
                ledger.patched[path] = (version, {})

            for round_ in range(ROUNDS):
                stop = threading.Event()
                count_before = ledger.count
                ledger.errors.clear()
                threads = self.writers(node, ledger, stop, round_)
                for t in threads:
                    t.start()
                # The stream must be flowing before the random moment starts: on a loaded machine
                # the writers' TLS handshakes alone can outlast a short sleep.
                deadline = time.monotonic() + 30
                while ledger.count - count_before < 5 and time.monotonic() < deadline and not ledger.refusals:
                    time.sleep(0.02)
                time.sleep(self.random.uniform(0.1, 1.5))
                node.kill()
                stop.set()
                for t in threads:
                    t.join(timeout=15)
                    self.assertFalse(t.is_alive(), "a writer hung after the node died")
                self.assertEqual(ledger.refusals, [], f"round {round_}: writes refused while the node was up")
                acked = ledger.count - count_before
                self.assertGreaterEqual(acked, 5, f"round {round_}: only {acked} writes acknowledged; writers ended with {ledger.errors}")
                stray = self.check_store_files(node)
                node.start()
                self.verify(node, ledger)
                print(f"round {round_}: {acked} acknowledged writes, all present after kill -9"
                      + (f"; stray files {stray}" if stray else ""), file=sys.stderr)
            self.check_store_files(node)


if __name__ == "__main__":
    unittest.main(verbosity=2)
