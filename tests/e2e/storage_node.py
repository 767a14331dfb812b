# SPDX-License-Identifier: GPL-3.0-or-later
"""Fixtures shared by the end-to-end tests that run real containers: private
copies of /etc/subuid and /etc/subgid, a node whose containers live on a btrfs
image, and an event stream collected on a thread."""
import ipaddress
import json
import os
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "node", "lib"))
from cowlnode import NodeProcess  # noqa: E402


def private_host_files():
    """The runtime adds its id range to /etc/subuid+subgid: here, to copies only (bind-mounted in
    the caller's mount namespace). Returns the directory of the copies."""
    subprocess.run(["ip", "link", "set", "lo", "up"], check=True)
    scratch = tempfile.mkdtemp(prefix="cowl-e2e-subid-")
    for name in ("subuid", "subgid"):
        copy = os.path.join(scratch, name)
        path = "/etc/" + name
        with open(copy, "w") as out:
            if os.path.exists(path):
                with open(path) as src:
                    out.write(src.read())
        if os.path.exists(path):
            subprocess.run(["mount", "--bind", copy, path], check=True)
    return scratch


class StorageImageNode(NodeProcess):
    """A node whose containers live on a btrfs image (`init --storage-image`), destroyed with it."""

    image_size = "768M"  # sparse

    def init(self):
        original = self.run_cli

        def with_storage(*args, **kw):
            if args and args[0] == "init":
                args = (*args, "--storage-image", self.image_size)
            return original(*args, **kw)

        self.run_cli = with_storage
        try:
            super().init()
        finally:
            self.run_cli = original

    def container_address(self, container_id):
        with open(os.path.join(self.state_dir, "node.json")) as f:
            prefix = ipaddress.IPv6Network(json.load(f)["ula_prefix"])
        value = (int(prefix.network_address) | (1 << 64) | int(container_id[:16], 16))
        return str(ipaddress.IPv6Address(value))

    def rootfs(self, container_id):
        return os.path.join(self.lxc_path, container_id, "rootfs")

    def cleanup(self, failed=False):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)
        self.destroy_every_container()
        if self.tmp:
            subprocess.run(["umount", "-l", self.lxc_path], capture_output=True)
        super().cleanup(failed)


class EventLog:
    """Every frame of one event stream, collected on a thread."""

    def __init__(self, client):
        self.ws = client.websocket(timeout=60)
        self.frames = []
        self.lock = threading.Lock()
        hello = json.loads(self.ws.recv())
        assert hello["kind"] == "hello", hello
        self.ws.settimeout(None)
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self):
        while True:
            try:
                frame = self.ws.recv()
            except Exception:
                return
            if not frame:
                return  # closed
            with self.lock:
                self.frames.append(json.loads(frame))

    def matching(self, **want):
        with self.lock:
            return [f for f in self.frames if all(f.get(k) == v for k, v in want.items())]

    def mark(self):
        with self.lock:
            return len(self.frames)

    def wait_for(self, predicate, timeout=30, since=0):
        """The first frame (from index `since`) that satisfies predicate, or None."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                for frame in self.frames[since:]:
                    if predicate(frame):
                        return frame
            time.sleep(0.05)
        return None

    def close(self):
        self.ws.close()
