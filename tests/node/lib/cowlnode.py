# SPDX-License-Identifier: GPL-3.0-or-later
"""Black-box helpers for the control API tests (tests/node/*_test.py).

Everything here talks to a real `cowl-node` over real TLS: a NodeProcess runs
`init` and `serve` in a temporary state directory on a free loopback port, and
clients pin the control certificate by the fingerprint of the connection string,
as the console does. Tests are written from docs/api.md, never from the code.
"""

import hashlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import urllib.parse

import requests
import urllib3
import websocket
from requests.adapters import HTTPAdapter

SOURCE_DIR = os.environ.get("COWL_SOURCE_DIR") or os.path.abspath(
    os.path.join(os.path.dirname(__file__), "..", "..", ".."))
NODE_BINARY = os.environ.get("COWL_NODE") or os.path.join(
    SOURCE_DIR, "build", "default", "node", "cowl-node")
API = "/api/v1"
MIB = 1024 * 1024

# The placeholder main.cpp of the skeleton answers every subcommand with this line;
# seeing it means the command is not built yet (an expected skip, not a failure).
PLACEHOLDER_USAGE = "usage: cowl-node init|serve|token|lockdown|unlock|--version"

# The pin replaces CA verification; urllib3 would warn on every request otherwise.
urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)


def unknown_id():
    """A well-formed id that no node has handed out."""
    return secrets.token_hex(12)


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ConnectionString:
    """cowl://HOST:PORT/?fingerprint=HEX&token=cowl_… (docs/api.md)."""

    def __init__(self, text):
        text = text.strip()
        parts = urllib.parse.urlsplit(text)
        if parts.scheme != "cowl" or not parts.hostname or not parts.port:
            raise ValueError(f"not a cowl:// connection string: {text!r}")
        if parts.path != "/":
            raise ValueError(f"connection string path must be '/': {text!r}")
        query = urllib.parse.parse_qs(parts.query, strict_parsing=True)
        self.text = text
        self.host = parts.hostname
        self.port = parts.port
        self.fingerprint = query["fingerprint"][0]
        self.token = query["token"][0]
        if not _is_hex(self.fingerprint, 64):
            raise ValueError(f"fingerprint is not 64 lowercase hex: {self.fingerprint!r}")
        if not (self.token.startswith("cowl_") and _is_hex(self.token[5:], 64)):
            raise ValueError("token is not cowl_ + 64 lowercase hex")

    @property
    def base_url(self):
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"https://{host}:{self.port}"


def _is_hex(text, length):
    return len(text) == length and all(c in "0123456789abcdef" for c in text)


class PinnedAdapter(HTTPAdapter):
    """Accepts exactly the certificate whose DER has this SHA-256, like the console."""

    def __init__(self, fingerprint, **kwargs):
        self._fingerprint = fingerprint
        super().__init__(**kwargs)

    def init_poolmanager(self, *args, **kwargs):
        kwargs["assert_fingerprint"] = self._fingerprint
        super().init_poolmanager(*args, **kwargs)


class ApiClient:
    """A requests.Session with one bearer token and the control certificate pinned."""

    def __init__(self, base_url, fingerprint, token):
        self.base_url = base_url
        self.fingerprint = fingerprint
        self.token = token
        self.session = requests.Session()
        self.session.verify = False
        self.session.mount("https://", PinnedAdapter(fingerprint))
        if token is not None:
            self.session.headers["Authorization"] = f"Bearer {token}"

    def request(self, method, path, body=None, *, data=None, if_match=None, headers=None,
                timeout=15, **kwargs):
        """body is sent as JSON; data as raw bytes (with the JSON content type unless headers say otherwise)."""
        all_headers = dict(headers or {})
        if if_match is not None:
            all_headers["If-Match"] = if_match if isinstance(if_match, str) else f'"{if_match}"'
        if body is not None:
            data = json.dumps(body).encode()
        if data is not None:
            all_headers.setdefault("Content-Type", "application/json")
        url = path if path.startswith("https://") else self.base_url + path
        # verify=False on every call: REQUESTS_CA_BUNDLE in the environment would override the
        # session's; the pin in PinnedAdapter is what authenticates the node.
        return self.session.request(method, url, data=data, headers=all_headers,
                                    timeout=timeout, verify=False, **kwargs)

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, body=None, **kw):
        return self.request("POST", path, body, **kw)

    def put(self, path, body=None, **kw):
        return self.request("PUT", path, body, **kw)

    def patch(self, path, body=None, **kw):
        return self.request("PATCH", path, body, **kw)

    def delete(self, path, **kw):
        return self.request("DELETE", path, **kw)

    def websocket(self, path=API + "/events", timeout=10):
        """The event stream, with the same token and the same pin."""
        url = "wss://" + self.base_url[len("https://"):] + path
        header = [f"Authorization: Bearer {self.token}"] if self.token is not None else []
        ws = websocket.create_connection(
            url, header=header, timeout=timeout,
            sslopt={"cert_reqs": ssl.CERT_NONE, "check_hostname": False})
        der = ws.sock.getpeercert(binary_form=True)
        if hashlib.sha256(der).hexdigest() != self.fingerprint:
            ws.close()
            raise ssl.SSLError("control certificate does not match the pinned fingerprint")
        return ws

    def close(self):
        self.session.close()


class NodeProcess:
    """A real cowl-node in a temporary state directory; always cleaned up.

    with NodeProcess() as node:
        admin = node.admin            # the operator token from `init`
        node.kill(); node.start()     # kill -9 and restart on the same state
    """

    READY_PREFIX = "cowl-node: ready control="

    def __init__(self, name="node1", domain="cowl.test", ready_timeout=30):
        self.name = name
        self.domain = domain
        self.ready_timeout = ready_timeout
        self.proc = None
        self.tmp = None
        self._clients = []

    # lifecycle -----------------------------------------------------------
    def __enter__(self):
        self.tmp = tempfile.mkdtemp(prefix="cowl-apitest-")
        try:
            self.state_dir = os.path.join(self.tmp, "state")
            self.port = free_port()
            self.init()
            self.start()
        except BaseException:
            self.cleanup(failed=True)
            raise
        return self

    def __exit__(self, exc_type, exc, tb):
        self.cleanup(failed=exc_type is not None and not issubclass(exc_type, unittest.SkipTest))
        return False

    @property
    def lxc_path(self):
        return os.path.join(self.state_dir, "containers")

    def destroy_every_container(self):
        """Containers outlive the node by design (kill -9 included): a test's must not outlive the test."""
        if not self.tmp or not os.path.isdir(self.lxc_path):
            return
        for name in os.listdir(self.lxc_path):
            if re.fullmatch(r"[0-9a-f]{24}", name):
                subprocess.run(["lxc-stop", "-k", "-P", self.lxc_path, "-n", name], capture_output=True)
                subprocess.run(["lxc-destroy", "-f", "-P", self.lxc_path, "-n", name], capture_output=True)

    def cleanup(self, failed=False):
        for client in self._clients:
            client.close()
        self._clients.clear()
        if self.proc is not None:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait(timeout=10)
            self._reap()
        self.destroy_every_container()
        if failed:
            sys.stderr.write(self.log_tail())
        if self.tmp:
            shutil.rmtree(self.tmp, ignore_errors=True)
            self.tmp = None

    def run_cli(self, *args, timeout=30):
        if not os.access(NODE_BINARY, os.X_OK):
            raise unittest.SkipTest(f"cowl-node is not built ({NODE_BINARY})")
        result = subprocess.run([NODE_BINARY, *args], capture_output=True, text=True,
                                timeout=timeout)
        if result.returncode == 2 and PLACEHOLDER_USAGE in result.stderr:
            raise unittest.SkipTest(f"not built yet: `cowl-node {args[0]}`")
        return result

    def init(self):
        result = self.run_cli("init", "--state-dir", self.state_dir,
                              "--control-listen", f"127.0.0.1:{self.port}",
                              "--proxy-listen", "[::1]:0",
                              "--node-name", self.name, "--domain", self.domain)
        if result.returncode != 0:
            raise RuntimeError(f"cowl-node init failed (exit {result.returncode}): {result.stderr}")
        lines = result.stdout.splitlines()
        if len(lines) != 1:
            raise RuntimeError(f"cowl-node init must print exactly one line on stdout, got {lines!r}")
        self.init_connection = ConnectionString(lines[0])
        self.fingerprint = self.init_connection.fingerprint
        self.operator_token = self.init_connection.token
        self.base_url = f"https://127.0.0.1:{self.port}"

    def start(self):
        if not os.access(NODE_BINARY, os.X_OK):
            raise unittest.SkipTest(f"cowl-node is not built ({NODE_BINARY})")
        self._log_path = os.path.join(self.tmp, f"serve-{time.monotonic_ns()}.log")
        log = open(self._log_path, "w")
        self.proc = subprocess.Popen([NODE_BINARY, "serve", "--state-dir", self.state_dir],
                                     stdout=subprocess.PIPE, stderr=log, text=True)
        log.close()
        ready = threading.Event()
        self.ready_line = None

        def read_stdout(proc):
            for line in proc.stdout:
                if line.startswith(self.READY_PREFIX) and not ready.is_set():
                    self.ready_line = line.strip()
                    ready.set()
            ready.set()

        self._reader = threading.Thread(target=read_stdout, args=(self.proc,), daemon=True)
        self._reader.start()
        ready.wait(self.ready_timeout)
        if self.ready_line is None:
            try:
                code = self.proc.wait(timeout=5)  # stdout closed: the process is exiting
            except subprocess.TimeoutExpired:
                code = None
            if code is None:
                self.proc.kill()
                self.proc.wait()
                self._reap()
                raise RuntimeError(f"cowl-node serve printed no ready line in {self.ready_timeout} s")
            self._reap()
            with open(self._log_path) as f:
                err = f.read()
            if (code == 2 and PLACEHOLDER_USAGE in err) or "not wired yet" in err:
                raise unittest.SkipTest(f"not built yet: `cowl-node serve` ({err.strip()[-200:]})")
            raise RuntimeError(f"cowl-node serve exited with {code} before ready: {err[-2000:]}")
        return self

    def kill(self):
        """kill -9: no chance to flush anything."""
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=10)
        self._reap()

    def _reap(self):
        self._reader.join(timeout=5)
        self.proc.stdout.close()

    def stop(self):
        self.proc.terminate()
        try:
            return self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise RuntimeError("cowl-node serve did not stop within 10 s of SIGTERM")
        finally:
            self._reap()

    def log_tail(self, chars=3000):
        path = getattr(self, "_log_path", None)
        if not path or not os.path.exists(path):
            return ""
        with open(path, errors="replace") as f:
            return "\n--- cowl-node serve log (tail) ---\n" + f.read()[-chars:] + "\n"

    # clients ---------------------------------------------------------------
    def client(self, token):
        c = ApiClient(self.base_url, self.fingerprint, token)
        self._clients.append(c)
        return c

    @property
    def admin(self):
        if not hasattr(self, "_admin"):
            self._admin = self.client(self.operator_token)
        return self._admin

    @property
    def store_dir(self):
        return os.path.join(self.state_dir, "store")

    def snapshot(self):
        return StoreSnapshot(self.store_dir)


class StoreSnapshot:
    """A digest of every file in the store, to prove a rejected request changed nothing.

    A token's last_used_at is expected to move when the token is used (and with it
    the token document's version), so both are left out of the digest of the
    tokens collection; everything else counts.
    """

    def __init__(self, store_dir):
        self.files = {}
        for root, _dirs, names in os.walk(store_dir):
            for name in names:
                path = os.path.join(root, name)
                rel = os.path.relpath(path, store_dir)
                with open(path, "rb") as f:
                    raw = f.read()
                if rel.startswith("tokens" + os.sep) and rel.endswith(".json"):
                    try:
                        doc = json.loads(raw)
                        doc.get("body", {}).pop("last_used_at", None)
                        doc.pop("version", None)
                        raw = json.dumps(doc, sort_keys=True).encode()
                    except (ValueError, AttributeError):
                        pass
                self.files[rel] = hashlib.sha256(raw).hexdigest()

    def diff(self, other):
        added = sorted(set(other.files) - set(self.files))
        removed = sorted(set(self.files) - set(other.files))
        changed = sorted(k for k in self.files.keys() & other.files.keys()
                         if self.files[k] != other.files[k])
        return added, removed, changed


def read_store_document(store_dir, collection, key):
    with open(os.path.join(store_dir, collection, key + ".json")) as f:
        return json.load(f)


class ApiTestCase(unittest.TestCase):
    """Assertions on the wire contract shared by every API test."""

    maxDiff = None

    def assertStatus(self, resp, status, msg=None):
        if resp.status_code != status:
            self.fail(f"{resp.request.method} {urllib.parse.urlsplit(resp.url).path}: "
                      f"expected {status}, got {resp.status_code} {resp.text[:500]!r}"
                      + (f" ({msg})" if msg else ""))

    def assertJson(self, resp, status):
        self.assertStatus(resp, status)
        ctype = resp.headers.get("Content-Type", "")
        self.assertTrue(ctype.startswith("application/json"),
                        f"{resp.url}: Content-Type {ctype!r}, expected application/json")
        return resp.json()

    def assertError(self, resp, status, code=None, field=None, msg=None):
        """The one error envelope: {"error": {"code", "message", "field"}}."""
        self.assertStatus(resp, status, msg)
        ctype = resp.headers.get("Content-Type", "")
        self.assertTrue(ctype.startswith("application/json"),
                        f"{resp.url}: error Content-Type {ctype!r}, expected application/json")
        try:
            body = resp.json()
        except ValueError:
            self.fail(f"{resp.url}: error body is not JSON: {resp.text[:300]!r}")
        self.assertIsInstance(body, dict)
        self.assertEqual(set(body), {"error"}, f"envelope has other top-level keys: {body}")
        error = body["error"]
        self.assertIsInstance(error, dict)
        for key in ("code", "message", "field"):
            self.assertIn(key, error, f"envelope lacks error.{key}: {body}")
            self.assertIsInstance(error[key], str, f"error.{key} is not a string: {body}")
        self.assertTrue(error["message"], f"empty error message: {body}")
        if code is not None:
            codes = code if isinstance(code, (tuple, set, list)) else (code,)
            self.assertIn(error["code"], codes, f"{resp.url}: {body}" + (f" ({msg})" if msg else ""))
        if field is not None:
            self.assertEqual(error["field"], field, f"{resp.url}: {body}")
        return error

    def assertRejectedValue(self, resp, field, msg=None):
        """A well-typed value the contract forbids, naming the field. docs/api.md: semantic errors
        are 422, shape errors 400; where a value is both (a malformed time string) either passes."""
        self.assertIn(resp.status_code, (400, 422),
                      f"{resp.url}: expected 400/422 for {field}, got {resp.status_code} {resp.text[:300]!r}"
                      + (f" ({msg})" if msg else ""))
        code = "invalid_field" if resp.status_code == 400 else "unprocessable"
        return self.assertError(resp, resp.status_code, code, field, msg)

    def assertStoreUnchanged(self, node, before, what):
        added, removed, changed = before.diff(node.snapshot())
        if added or removed or changed:
            self.fail(f"{what} changed the store: added {added}, removed {removed}, changed {changed}")

    def assertEtag(self, resp, version):
        self.assertEqual(resp.headers.get("ETag"), f'"{version}"',
                         f"{resp.url}: ETag must be the quoted version")


# Object factories: each asserts the documented success answer.
def create_realm(test, client, name):
    resp = client.post(API + "/realms", {"name": name})
    return test.assertJson(resp, 201)


def create_token(test, client, name, role, realm_id=None):
    body = {"name": name, "role": role}
    if realm_id is not None:
        body["realm_id"] = realm_id
    resp = client.post(API + "/tokens", body)
    return test.assertJson(resp, 201)


def create_project(test, client, name, realm_id=None):
    body = {"name": name}
    if realm_id is not None:
        body["realm_id"] = realm_id
    resp = client.post(API + "/projects", body)
    return test.assertJson(resp, 201)


def create_container(test, client, project_id, name, template="busybox"):
    resp = client.post(f"{API}/projects/{project_id}/containers", {"name": name, "template": template})
    return test.assertJson(resp, 201)


def list_items(test, resp):
    """A collection GET: a JSON array (docs/api.md "Details the node settled")."""
    body = test.assertJson(resp, 200)
    test.assertIsInstance(body, list, f"{resp.url}: a list answer must be an array: {body}")
    return body


def realm_named(test, client, name):
    realms = list_items(test, client.get(API + "/realms"))
    for realm in realms:
        if realm["name"] == name:
            return realm
    test.fail(f"no realm named {name!r} in {realms}")
