#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A lockdown answers at once while a container is being made (docs/api.md).

Container create holds the API's write lock only while it writes records; the
runtime's work (here: unpacking a large local rootfs tarball, seconds) runs
outside it. So a lockdown, which is a serialized write, must answer in well
under the create's time, take effect (GET and an event) and leave the create to
finish. Were the create to hold the write lock throughout, the lockdown would
wait for it and the bound below would fail.

Real `cowl-node serve`, real liblxc, containers on a btrfs image in a
temporary state directory. The script moves itself into a network and mount
namespace of its own (with private copies of /etc/subuid and /etc/subgid), as
containers_api_test.py does; every container is destroyed at the end, also on
failure. No network: the tarball is generated here.
"""

import gzip
import io
import os
import shutil
import sys
import tarfile
import threading
import time
import unittest

if os.geteuid() == 0 and os.environ.get("COWL_E2E_PRIVATE") != "1":
    os.environ["COWL_E2E_PRIVATE"] = "1"
    os.execvp("unshare", ["unshare", "--net", "--mount", "--propagation", "private", "--",
                          sys.executable, os.path.abspath(__file__), *sys.argv[1:]])

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "node", "lib"))
from cowlnode import API, ApiTestCase, create_project, create_token  # noqa: E402
from storage_node import EventLog, StorageImageNode, private_host_files  # noqa: E402

# Zeros compress to almost nothing, so the tarball is small on disk while
# unpacking it writes this much: seconds of work for the runtime.
PAYLOAD_BYTES = 768 * 1024 * 1024
MIN_CREATE_SECONDS = 2.0      # below this the overlap proves too little: make the payload bigger
LOCKDOWN_BOUND_SECONDS = 1.0  # a serialized write on an idle API takes milliseconds
STORAGE_IMAGE = "2G"          # sparse: holds the unpacked payload


class Zeros(io.RawIOBase):
    """`size` zero bytes, read in chunks, never held in memory at once."""

    def __init__(self, size):
        self.left = size

    def readable(self):
        return True

    def readinto(self, buffer):
        n = min(len(buffer), self.left)
        buffer[:n] = bytes(n)
        self.left -= n
        return n


def write_rootfs_tarball(path, payload_bytes):
    """A minimal rootfs (a few directories, /etc/hostname) plus one large file of zeros."""
    with gzip.open(path, "wb", compresslevel=1) as gz, tarfile.open(fileobj=gz, mode="w|") as tar:
        for directory in ("bin", "etc", "var", "var/lib"):
            info = tarfile.TarInfo(directory)
            info.type, info.mode = tarfile.DIRTYPE, 0o755
            tar.addfile(info)
        hostname = b"big\n"
        info = tarfile.TarInfo("etc/hostname")
        info.size, info.mode = len(hostname), 0o644
        tar.addfile(info, io.BytesIO(hostname))
        info = tarfile.TarInfo("var/lib/payload")
        info.size, info.mode = payload_bytes, 0o644
        tar.addfile(info, io.BufferedReader(Zeros(payload_bytes), 1 << 20))


class BigStorageNode(StorageImageNode):
    image_size = STORAGE_IMAGE


class LockdownDuringCreateTest(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        if os.geteuid() != 0:
            raise unittest.SkipTest("real containers need root")
        cls.scratch = private_host_files()
        cls.node = BigStorageNode()
        cls.node.__enter__()
        try:
            cls.tarball = os.path.join(cls.node.tmp, "rootfs.tar.gz")
            started = time.monotonic()
            write_rootfs_tarball(cls.tarball, PAYLOAD_BYTES)
            print(f"tarball: {os.path.getsize(cls.tarball) / 1e6:.1f} MB for {PAYLOAD_BYTES >> 20} MiB unpacked, "
                  f"made in {time.monotonic() - started:.1f} s", file=sys.stderr)
            cls.admin = cls.node.admin
            cls.events = EventLog(cls.admin)
        except BaseException:
            cls.node.cleanup(failed=True)
            raise

    @classmethod
    def tearDownClass(cls):
        cls.events.close()
        cls.node.cleanup(failed=True)  # the node's log tail; ctest shows it only on failure
        shutil.rmtree(cls.scratch, ignore_errors=True)

    def container_named(self, project_id, name):
        listed = self.assertJson(self.admin.get(f"{API}/projects/{project_id}/containers"), 200)
        return next((c for c in listed if c["name"] == name), None)

    def lock_down(self, client, path):
        """PATCH enable_proxy false; (answer, seconds it took)."""
        version = self.assertJson(client.get(path), 200)["version"]
        started = time.monotonic()
        resp = client.patch(path, {"enable_proxy": False}, if_match=version, timeout=60)
        took = time.monotonic() - started
        return self.assertJson(resp, 200), took

    def test_lockdown_answers_while_a_container_is_made(self):
        project = create_project(self, self.admin, "slow")
        lockdown = self.node.client(create_token(self, self.admin, "panic", "lockdown")["token"])
        created = {}

        def create():
            started = time.monotonic()
            created["resp"] = self.admin.post(f"{API}/projects/{project['id']}/containers",
                                              {"name": "big", "template": self.tarball}, timeout=120)
            created["seconds"] = time.monotonic() - started

        creating = threading.Thread(target=create)
        creating.start()
        try:
            # The record exists as `creating` once the create's record phase is done.
            record = None
            deadline = time.monotonic() + 30
            while (record is None or record["status"] != "creating") and creating.is_alive():
                self.assertLess(time.monotonic(), deadline, "the container never showed up as creating")
                record = self.container_named(project["id"], "big")
                time.sleep(0.02)
            self.assertTrue(creating.is_alive() and record and record["status"] == "creating",
                            f"the create finished before the lockdown could overlap it ({record}): "
                            "make the payload bigger")

            node_settings, node_seconds = self.lock_down(lockdown, f"{API}/node/proxy/settings")
            project_path = f"{API}/projects/{project['id']}/proxy/settings"
            project_settings, project_seconds = self.lock_down(lockdown, project_path)
            still_creating = creating.is_alive()
            status_after = self.assertJson(self.admin.get(f"{API}/containers/{record['id']}"), 200)["status"]
            print(f"lockdown while creating: node {node_seconds * 1000:.0f} ms, "
                  f"project {project_seconds * 1000:.0f} ms", file=sys.stderr)
        finally:
            creating.join(timeout=180)
        self.assertIn("seconds", created, "the create did not answer within 180 s")
        print(f"create: {created['seconds']:.1f} s", file=sys.stderr)

        # The lockdowns overlapped the create, and answered well within it.
        self.assertTrue(still_creating, "the create was over before both lockdowns answered")
        self.assertEqual(status_after, "creating")
        self.assertGreater(created["seconds"], MIN_CREATE_SECONDS, "the create was too quick to prove anything")
        for seconds in (node_seconds, project_seconds):
            self.assertLess(seconds, LOCKDOWN_BOUND_SECONDS)
            self.assertLess(seconds, created["seconds"] / 4)

        # The lockdowns took effect: GET says so, and the events went out.
        self.assertFalse(node_settings["enable_proxy"])
        self.assertFalse(project_settings["enable_proxy"])
        self.assertFalse(self.assertJson(self.admin.get(f"{API}/node/proxy/settings"), 200)["enable_proxy"])
        self.assertFalse(self.assertJson(self.admin.get(project_path), 200)["enable_proxy"])
        for changed in (node_settings, project_settings):
            self.assertIsNotNone(self.events.wait_for(
                lambda f, changed=changed: f.get("resource") == "settings" and f.get("kind") == "updated"
                and f.get("data") == changed), f"no settings event carried {changed}")

        # And the create completed: 201, then `stopped` (a create past 20 s answers `creating` first).
        answer = self.assertJson(created["resp"], 201)
        self.assertEqual(answer["id"], record["id"])
        deadline = time.monotonic() + 60
        while answer["status"] == "creating" and time.monotonic() < deadline:
            time.sleep(0.2)
            answer = self.assertJson(self.admin.get(f"{API}/containers/{record['id']}"), 200)
        self.assertEqual(answer["status"], "stopped", answer["status_reason"])
        payload = os.path.join(self.node.lxc_path, record["id"], "rootfs", "var", "lib", "payload")
        self.assertEqual(os.path.getsize(payload), PAYLOAD_BYTES)

        self.assertStatus(self.admin.delete(f"{API}/containers/{record['id']}"), 204)
        self.assertFalse(os.path.exists(os.path.join(self.node.lxc_path, record["id"])))


if __name__ == "__main__":
    unittest.main(verbosity=2)
