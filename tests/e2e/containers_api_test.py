#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Containers, snapshots, schedules and server facts through the real `cowl-node serve`.

Real busybox containers in the node's own lxcpath, on a btrfs image made by
`cowl-node init --storage-image`, driven only over the control API (docs/api.md),
and checked from the host: the container's busybox httpd must answer over its
IPv6 address. The script moves itself into a network and mount namespace of its
own (and private copies of /etc/subuid and /etc/subgid), so nothing reaches the
host; every container is stopped and destroyed at the end, also on failure.
"""

import json
import os
import re
import subprocess
import sys
import threading
import time
import unittest

if os.geteuid() == 0 and os.environ.get("COWL_E2E_PRIVATE") != "1":
    os.environ["COWL_E2E_PRIVATE"] = "1"
    os.execvp("unshare", ["unshare", "--net", "--mount", "--propagation", "private", "--",
                          sys.executable, os.path.abspath(__file__), *sys.argv[1:]])

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "node", "lib"))
from cowlnode import (API, NODE_BINARY, ApiTestCase, create_project, create_token,  # noqa: E402
                      list_items, unknown_id)
from storage_node import EventLog, StorageImageNode, private_host_files  # noqa: E402

TICK_SECONDS = 2
os.environ["COWL_SNAPSHOT_TICK_SECONDS"] = str(TICK_SECONDS)
SNAPSHOT_NAME = re.compile(r"^snap-\d{8}-\d{6}$")


def http_get(address, path="/", timeout=2):
    """(status, body) of http://[address]:80/path from the host, or (None, error)."""
    result = subprocess.run(["curl", "-sS", "-g", "-m", str(timeout), "-o", "-", "-w", "\n%{http_code}",
                             f"http://[{address}]:80{path}"], capture_output=True, text=True)
    if result.returncode != 0:
        return None, result.stderr
    body, _, code = result.stdout.rpartition("\n")
    return int(code), body


class ContainersApiTest(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        if os.geteuid() != 0:
            raise unittest.SkipTest("real containers need root")
        private_host_files()
        cls.node = StorageImageNode()
        cls.node.__enter__()
        try:
            cls.admin = cls.node.admin
            cls.project = create_project(cls(), cls.admin, "e2e")
            cls.events = EventLog(cls.admin)
        except BaseException:
            cls.node.cleanup(failed=True)
            raise

    @classmethod
    def tearDownClass(cls):
        cls.events.close()
        cls.node.cleanup(failed=True)  # the node's log tail; ctest shows it only on failure

    @classmethod
    def reconnect(cls):
        """After a restart of the node: fresh connections and a new event stream."""
        cls.events.close()
        cls.admin = cls.node.client(cls.node.operator_token)
        cls.events = EventLog(cls.admin)

    # helpers ---------------------------------------------------------------
    def create(self, name):
        resp = self.admin.post(f"{API}/projects/{self.project['id']}/containers",
                               {"name": name, "template": "busybox", "limits": {"memory_mb": 128, "cpus": 0.5}})
        created = self.assertJson(resp, 201)
        self.assertIn(created["status"], ("creating", "stopped"), created)
        return self.wait_status(created["id"], "stopped")

    def wait_status(self, container_id, status, timeout=60):
        deadline = time.monotonic() + timeout
        while True:
            body = self.assertJson(self.admin.get(f"{API}/containers/{container_id}"), 200)
            if body["status"] == status:
                return body
            if time.monotonic() > deadline:
                self.fail(f"container {container_id} is {body['status']} ({body['status_reason']}), not {status}")
            time.sleep(0.1)

    def serve_on_boot(self, container_id, page):
        """busybox httpd on [::]:80 from the container's rcS, serving /www."""
        rootfs = self.node.rootfs(container_id)
        os.makedirs(os.path.join(rootfs, "www"), exist_ok=True)
        self.write_page(container_id, "index.html", page)
        with open(os.path.join(rootfs, "etc/init.d/rcS"), "a") as rc:
            rc.write("\nhttpd -p [::]:80 -h /www\n")

    def write_page(self, container_id, name, text):
        path = os.path.join(self.node.rootfs(container_id), "www", name)
        with open(path, "w") as f:
            f.write(text)
        os.chmod(path, 0o644)

    def wait_http(self, container_id, path="/", timeout=10):
        address = self.node.container_address(container_id)
        deadline = time.monotonic() + timeout
        while True:
            status, body = http_get(address, path)
            if status is not None:
                return status, body
            if time.monotonic() > deadline:
                self.fail(f"nothing answers on http://[{address}]:80{path}: {body}")
            time.sleep(0.05)

    def action(self, container_id, action, status=200):
        resp = self.admin.post(f"{API}/containers/{container_id}/{action}", timeout=60)
        return self.assertJson(resp, status)

    def lxc_entries(self):
        return sorted(os.listdir(self.node.lxc_path))

    # tests (run in name order) ---------------------------------------------
    def test_0_init_refuses_bad_storage_arguments(self):
        for args, needle in [(["--storage-image", "1K"], "--storage-image"),
                             (["--storage-image", "lots"], "--storage-image"),
                             (["--storage-path", "/tmp/x.img"], "--storage-path")]:
            state = os.path.join(self.node.tmp, "refused")
            result = subprocess.run([NODE_BINARY, "init", "--state-dir", state, *args],
                                    capture_output=True, text=True)
            self.assertEqual(result.returncode, 2, result.stderr)
            self.assertIn(needle, result.stderr)
            self.assertFalse(os.path.exists(state), "a refused init left a state directory")
        self.assertEqual(subprocess.run(["findmnt", "-n", "-o", "FSTYPE", self.node.lxc_path],
                                        capture_output=True, text=True).stdout.strip(), "btrfs")

    def test_1_node_facts(self):
        facts = self.assertJson(self.admin.get(f"{API}/node"), 200)
        for key in ("name", "domain", "version", "fingerprint", "hostname", "kernel", "architecture", "cpu",
                    "memory", "disks", "swap", "swap_encrypted", "storage", "versions", "containers"):
            self.assertIn(key, facts)
        self.assertEqual((facts["name"], facts["domain"]), ("node1", "cowl.test"))
        self.assertEqual(set(facts["cpu"]), {"model", "count"})
        self.assertGreater(facts["cpu"]["count"], 0)
        self.assertGreater(facts["memory"]["total_bytes"], 0)
        for disk in facts["disks"]:
            self.assertEqual(set(disk), {"name", "size_bytes", "model", "luks"})
            self.assertIn(disk["luks"], ("full", "partial", "none"))
        for swap in facts["swap"]:
            self.assertEqual(set(swap), {"path", "size_bytes", "encrypted"})
        self.assertIn(facts["swap_encrypted"], (True, False) if facts["swap"] else (None,))
        storage = facts["storage"]
        self.assertEqual(storage["backend"], "btrfs", storage)
        self.assertEqual(storage["snapshots"], "copy-on-write")
        self.assertEqual(os.path.realpath(storage["path"]), os.path.realpath(self.node.lxc_path))
        self.assertGreater(storage["total_bytes"], 500 * 1024 * 1024)
        self.assertTrue(facts["versions"]["lxc"] and facts["versions"]["nftables"], facts["versions"])
        self.assertEqual(set(facts["containers"]), {"total", "running", "stopped", "failed"})

    def test_2_bad_input_changes_nothing(self):
        before, entries = self.node.snapshot(), self.lxc_entries()
        path = f"{API}/projects/{self.project['id']}/containers"
        cases = [
            ({"name": "web", "template": "alpine"}, 422, "template"),
            ({"name": "web", "template": "/nonexistent/rootfs.tar.gz"}, 422, "template"),
            ({"name": "Web", "template": "busybox"}, 422, "name"),
            ({"name": "x" * 64, "template": "busybox"}, 422, "name"),
            ({"name": "web", "template": "busybox", "limits": {"memory_mb": 8}}, 422, "limits.memory_mb"),
            ({"name": "web", "template": "busybox", "limits": {"cpus": 0}}, 422, "limits.cpus"),
            ({"name": "web", "template": "busybox", "limits": {"cpus": 4096}}, 422, "limits.cpus"),
            ({"name": "web", "template": "busybox", "size": 1}, 400, "size"),
        ]
        for body, status, field in cases:
            self.assertError(self.admin.post(path, body), status, field=field, msg=json.dumps(body))
        self.assertStoreUnchanged(self.node, before, "refused container creates")
        self.assertEqual(self.lxc_entries(), entries)

    def test_3_lifecycle(self):
        web = self.create("web")
        cid = web["id"]
        self.assertTrue(self.events.wait_for(
            lambda f: f["resource"] == "container" and f["id"] == cid and f["kind"] == "created"))
        self.assertTrue(self.events.wait_for(
            lambda f: f["resource"] == "container" and f["id"] == cid and (f["data"] or {}).get("status") == "stopped"))
        self.serve_on_boot(cid, "hello from web\n")

        started = time.monotonic()
        self.assertEqual(self.action(cid, "start")["status"], "running")
        self.assertEqual(self.wait_http(cid), (200, "hello from web\n"))
        print(f"start → httpd answers: {(time.monotonic() - started) * 1000:.0f} ms", file=sys.stderr)
        self.assertTrue(self.events.wait_for(
            lambda f: f["resource"] == "container" and f["id"] == cid and (f["data"] or {}).get("status") == "running"))

        self.assertEqual(self.action(cid, "stop")["status"], "stopped")
        self.assertIsNone(http_get(self.node.container_address(cid))[0])
        self.assertEqual(self.action(cid, "start")["status"], "running")
        self.assertEqual(self.action(cid, "restart")["status"], "running")
        self.assertEqual(self.wait_http(cid)[0], 200)
        self.assertEqual(self.action(cid, "force-stop")["status"], "stopped")
        self.assertIsNone(http_get(self.node.container_address(cid))[0])
        self.assertEqual(self.action(cid, "start")["status"], "running")

        # PATCH limits on a running container reaches its cgroup.
        current = self.assertJson(self.admin.get(f"{API}/containers/{cid}"), 200)
        patched = self.assertJson(self.admin.patch(f"{API}/containers/{cid}", {"limits": {"memory_mb": 256}},
                                                   if_match=current["version"]), 200)
        self.assertEqual(patched["limits"]["memory_mb"], 256)
        type(self).web = cid

    def test_3a_helper_holds_only_its_channel(self):
        """The LXC helper, spawned after API connections were open, inherits none of them:
        a socket the node closed but the helper still held kept its client waiting forever."""
        helpers = []
        for task in os.listdir(f"/proc/{self.node.proc.pid}/task"):
            with open(f"/proc/{self.node.proc.pid}/task/{task}/children") as f:
                for child in f.read().split():
                    with open(f"/proc/{child}/cmdline", "rb") as c:
                        if b"__lxc-helper" in c.read():
                            helpers.append(child)
        self.assertEqual(len(helpers), 1, "one LXC helper runs once containers were made")
        fd_dir = f"/proc/{helpers[0]}/fd"
        sockets = sorted(int(fd) for fd in os.listdir(fd_dir)
                         if os.readlink(os.path.join(fd_dir, fd)).startswith("socket:"))
        self.assertEqual(sockets, [3], "the helper's only socket is its channel to the node (fd 3)")

    def test_4_snapshots(self):
        cid = self.web
        base = f"{API}/containers/{cid}/snapshots"
        self.write_page(cid, "old.txt", "version one\n")
        snap = self.assertJson(self.admin.post(base, {"label": "before change", "expires_in_days": 7}), 201)
        self.assertRegex(snap["name"], SNAPSHOT_NAME)
        self.assertEqual(snap["label"], "before change")
        self.assertIsNotNone(snap["expires_at"])
        self.assertTrue(self.events.wait_for(
            lambda f: f["resource"] == "snapshot" and f["id"] == cid and f["kind"] == "created"
            and f["data"]["name"] == snap["name"]))
        listed = list_items(self, self.admin.get(base))
        self.assertEqual([s["name"] for s in listed], [snap["name"]])
        self.assertEqual(set(listed[0]), {"name", "label", "created_at", "expires_at", "size_bytes"})
        self.assertGreater(listed[0]["size_bytes"], 0)

        self.write_page(cid, "old.txt", "version two\n")
        self.write_page(cid, "new.txt", "written after the snapshot\n")
        self.assertEqual(self.wait_http(cid, "/new.txt")[0], 200)

        # A snapshot operation while a restore runs on the same container: 409 busy.
        # The probe deletes a snapshot that does not exist: 404 when nothing runs, so it changes nothing.
        restored = {}
        restore = threading.Thread(target=lambda: restored.update(
            resp=self.admin.post(f"{base}/{snap['name']}/restore", timeout=60)))
        restore.start()
        busy = None
        while busy is None and restore.is_alive():
            resp = self.admin.delete(f"{base}/snap-20000101-000000")
            if resp.status_code == 409:
                busy = resp
            else:
                self.assertError(resp, 404, "not_found")
        restore.join()
        self.assertIsNotNone(busy, "no snapshot request overlapped the restore")
        self.assertError(busy, 409, "busy")
        answer = self.assertJson(restored["resp"], 200)
        self.assertEqual((answer["id"], answer["status"]), (cid, "running"))
        self.assertEqual(self.wait_http(cid, "/old.txt"), (200, "version one\n"))
        self.assertEqual(self.wait_http(cid, "/new.txt")[0], 404)

        # Bad input: nothing changes.
        names = [s["name"] for s in list_items(self, self.admin.get(base))]
        for body, status, code, field in [({"label": "x" * 65}, 422, "unprocessable", "label"),
                                          ({"label": "a\nb"}, 422, "unprocessable", "label"),
                                          ({"expires_in_days": 0}, 422, "unprocessable", "expires_in_days"),
                                          ({"expires_in_days": 3651}, 422, "unprocessable", "expires_in_days"),
                                          ({"tag": "x"}, 400, "unknown_field", "tag")]:
            self.assertError(self.admin.post(base, body), status, code, field, msg=json.dumps(body))
        for missing in ("snap-20000101-000000", "nope", "..%2f..%2fetc"):
            self.assertError(self.admin.post(f"{base}/{missing}/restore"), 404, "not_found")
            self.assertError(self.admin.delete(f"{base}/{missing}"), 404, "not_found")
        self.assertEqual([s["name"] for s in list_items(self, self.admin.get(base))], names)
        self.assertEqual(self.wait_http(cid, "/old.txt"), (200, "version one\n"))

        # Roles and realms: a viewer reads, may not write; another realm sees one 404.
        viewer = self.node.client(create_token(self, self.admin, "viewer", "viewer")["token"])
        self.assertEqual(len(list_items(self, viewer.get(base))), len(names))
        self.assertError(viewer.post(base, {}), 403, "forbidden")
        self.assertError(viewer.delete(f"{base}/{snap['name']}"), 403, "forbidden")
        realm = self.assertJson(self.admin.post(f"{API}/realms", {"name": "other"}), 201)
        foreign = self.node.client(create_token(self, self.admin, "foreign", "admin", realm["id"])["token"])
        for resp in (foreign.get(base), foreign.post(base, {}), foreign.get(f"{API}/containers/{unknown_id()}/snapshots"),
                     foreign.post(f"{base}/{snap['name']}/restore"), foreign.get(f"{base}/schedule")):
            self.assertError(resp, 404, "not_found")

        for name in names:
            self.assertStatus(self.admin.delete(f"{base}/{name}"), 204)
        self.assertEqual(list_items(self, self.admin.get(base)), [])
        self.assertTrue(self.events.wait_for(
            lambda f: f["resource"] == "snapshot" and f["kind"] == "deleted" and f["data"] == {"name": snap["name"]}))

    def test_5_schedules(self):
        cid, pid = self.web, self.project["id"]
        own, inherited = f"{API}/containers/{cid}/snapshots/schedule", f"{API}/projects/{pid}/snapshots/schedule"
        effective = f"{own}/effective"
        self.assertError(self.admin.get(own), 404, "not_found")
        self.assertEqual(self.assertJson(self.admin.get(effective), 200),
                         {"source": "none", "schedule": None, "last_run": None, "next_run": None})

        before = self.node.snapshot()
        for body, status, field in [({"retention": {"hourly": 0}}, 422, "retention.hourly"),
                                    ({"retention": {"daily": 1001}}, 422, "retention.daily"),
                                    ({"retention": {"hourly": -1}}, 422, "retention.hourly"),
                                    ({"retention": {"yearly": 1}}, 400, "retention.yearly"),
                                    ({"enabled": "yes", "retention": {"hourly": 1}}, 400, "enabled"),
                                    ({}, 400, "retention")]:
            self.assertError(self.admin.put(own, body), status, field=field, msg=json.dumps(body))
        self.assertStoreUnchanged(self.node, before, "refused schedules")

        mark = self.events.mark()
        schedule = {"enabled": True, "retention": {"hourly": 24, "daily": 7, "weekly": 4, "monthly": 6},
                    "prune_labelled": False}
        created = self.assertJson(self.admin.put(inherited, schedule), 200)
        self.assertEqual(created, {**schedule, "version": 1})
        self.assertEqual(self.assertJson(self.admin.get(effective), 200)["source"], "project")

        mine = {"retention": {"daily": 3}}
        put = self.admin.put(own, mine)
        self.assertEtag(put, 1)
        self.assertEqual(self.assertJson(put, 200),
                         {"enabled": True, "retention": {"hourly": 0, "daily": 3, "weekly": 0, "monthly": 0},
                          "prune_labelled": False, "version": 1})
        self.assertError(self.admin.put(own, mine), 428, "precondition_required")
        self.assertError(self.admin.put(own, mine, if_match=7), 412, "precondition_failed")
        replaced = self.assertJson(self.admin.put(own, {**mine, "prune_labelled": True}, if_match=1), 200)
        self.assertEqual((replaced["version"], replaced["prune_labelled"]), (2, True))
        self.assertTrue(self.events.wait_for(
            lambda f: f["resource"] == "schedule" and f["id"] == cid and f["kind"] == "updated"
            and f["data"]["version"] == 2))
        now = self.assertJson(self.admin.get(effective), 200)
        self.assertEqual((now["source"], now["schedule"]["version"]), ("container", 2))
        self.assertIsNotNone(now["next_run"])

        # The scheduler follows the documents: the schedule in force takes its
        # first snapshot on the next tick (every 2 s in this test).
        made = self.events.wait_for(lambda f: f["resource"] == "snapshot" and f["id"] == cid
                                    and f["kind"] == "created", timeout=5 * TICK_SECONDS + 10, since=mark)
        self.assertIsNotNone(made, "the scheduler took no snapshot")
        self.assertIsNone(made["data"]["label"])
        after = self.assertJson(self.admin.get(effective), 200)
        self.assertIsNotNone(after["last_run"])
        self.assertGreater(after["next_run"], after["last_run"])

        self.assertError(self.admin.delete(own), 428, "precondition_required")
        self.assertStatus(self.admin.delete(own, if_match=2), 204)
        self.assertError(self.admin.get(own), 404, "not_found")
        self.assertEqual(self.assertJson(self.admin.get(effective), 200)["source"], "project")
        self.assertStatus(self.admin.delete(inherited, if_match=1), 204)
        self.assertEqual(self.assertJson(self.admin.get(effective), 200)["source"], "none")
        self.assertTrue(self.events.wait_for(
            lambda f: f["resource"] == "schedule" and f["id"] == pid and f["kind"] == "deleted"))

    def test_6_kill_and_restart_reconciles(self):
        cid = self.web
        self.assertEqual(self.wait_status(cid, "running")["status"], "running")
        # A stopped autostart container starts with the node; a running one outlives its node.
        boot = self.create("boot")
        boot = self.assertJson(self.admin.patch(f"{API}/containers/{boot['id']}", {"autostart": True},
                                                if_match=boot["version"]), 200)
        self.serve_on_boot(boot["id"], "autostarted\n")
        gone = self.create("gone")["id"]
        self.node.kill()
        # Behind the node's back while it is down: one container's files disappear.
        subprocess.run(["lxc-destroy", "-f", "-P", self.node.lxc_path, "-n", gone], check=True, capture_output=True)
        self.node.start()
        self.reconnect()
        self.wait_http(cid)
        self.assertEqual(self.wait_status(cid, "running")["status"], "running")
        self.assertEqual(self.wait_status(boot["id"], "running")["autostart"], True)
        self.assertEqual(self.wait_http(boot["id"]), (200, "autostarted\n"))
        # Stopped behind the node's back: the record follows within a few ticks.
        subprocess.run(["lxc-stop", "-k", "-P", self.node.lxc_path, "-n", boot["id"]], check=True)
        self.assertEqual(self.wait_status(boot["id"], "stopped", timeout=5 * TICK_SECONDS + 5)["status"], "stopped")
        self.assertStatus(self.admin.delete(f"{API}/containers/{boot['id']}"), 204)
        record = self.wait_status(gone, "failed")
        self.assertIn("gone", record["status_reason"])
        self.assertError(self.admin.post(f"{API}/containers/{gone}/start"), 409, "conflict")
        self.assertEqual(list_items(self, self.admin.get(f"{API}/containers/{gone}/snapshots")), [])
        self.assertStatus(self.admin.delete(f"{API}/containers/{gone}"), 204)
        self.assertError(self.admin.get(f"{API}/containers/{gone}"), 404, "not_found")

    def test_7_delete(self):
        cid = self.web
        time.sleep(1)  # one snapshot per second: the scheduler's may be from this very second
        self.assertJson(self.admin.post(f"{API}/containers/{cid}/snapshots", {}), 201)
        self.assertStatus(self.admin.delete(f"{API}/containers/{cid}"), 204)
        self.assertError(self.admin.get(f"{API}/containers/{cid}"), 404, "not_found")
        self.assertFalse(os.path.exists(os.path.join(self.node.lxc_path, cid)))
        self.assertIsNone(http_get(self.node.container_address(cid))[0])
        self.assertTrue(self.events.wait_for(
            lambda f: f["resource"] == "container" and f["id"] == cid and f["kind"] == "deleted"))
        facts = self.assertJson(self.admin.get(f"{API}/node"), 200)
        self.assertEqual(facts["containers"]["total"], 0, facts["containers"])

    def test_8_storage_image_is_mounted_again(self):
        self.node.stop()
        subprocess.run(["umount", self.node.lxc_path], check=True)
        self.node.start()
        self.reconnect()
        facts = self.assertJson(self.admin.get(f"{API}/node"), 200)
        self.assertEqual(facts["storage"]["backend"], "btrfs", facts["storage"])
        mounted = subprocess.run(["findmnt", "-n", "-o", "FSTYPE", self.node.lxc_path], capture_output=True, text=True)
        self.assertEqual(mounted.stdout.strip(), "btrfs")


if __name__ == "__main__":
    unittest.main(verbosity=2)
