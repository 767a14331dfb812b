#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""cowl-node's commands, run as a user runs them: init, serve, token, lockdown/unlock.

Every test starts from an empty temporary state directory and drives the real
binary ($COWL_NODE). The node's answers are checked with clients no one here wrote:
openssl for certificates, Python's ssl/requests for the control API.
"""

import hashlib
import ipaddress
import json
import os
import re
import signal
import socket
import ssl
import stat
import subprocess
import tempfile
import time
import unittest

import requests
import urllib3

urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)

NODE = os.environ.get("COWL_NODE") or os.path.join(
    os.path.dirname(__file__), "..", "..", "build", "default", "node", "cowl-node")
CONNECTION = re.compile(
    r"^cowl://(?P<host>\[[0-9a-f:]+\]|[0-9.]+|[a-z0-9.-]+):(?P<port>\d+)/\?fingerprint=(?P<fp>[0-9a-f]{64})"
    r"&token=(?P<token>cowl_[0-9a-f]{64})$")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(*args, check=None, timeout=60):
    result = subprocess.run([NODE, *args], capture_output=True, text=True, timeout=timeout)
    if check is not None and result.returncode != check:
        raise AssertionError(f"cowl-node {' '.join(args)}: exit {result.returncode}, expected {check}\n"
                             f"stdout: {result.stdout}\nstderr: {result.stderr}")
    return result


def parse_connection(line):
    m = CONNECTION.match(line)
    if not m:
        raise AssertionError(f"not a connection string: {line!r}")
    return m


def tree(path):
    """Every file under path with its content hash: to prove a refused command changed nothing."""
    out = {}
    for root, _, files in os.walk(path):
        for name in files:
            full = os.path.join(root, name)
            with open(full, "rb") as f:
                out[os.path.relpath(full, path)] = hashlib.sha256(f.read()).hexdigest()
    return out


def stored(state, collection):
    folder = os.path.join(state, "store", collection)
    if not os.path.isdir(folder):
        return {}
    docs = {}
    for name in os.listdir(folder):
        if name.endswith(".json"):
            with open(os.path.join(folder, name)) as f:
                docs[name[:-5]] = json.load(f)
    return docs


class Serve:
    """cowl-node serve in the background; waits for the ready line."""

    def __init__(self, state, *extra):
        self.proc = subprocess.Popen([NODE, "serve", "--state-dir", state, *extra], stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        if not line.startswith("cowl-node: ready control="):
            self.proc.kill()
            raise AssertionError(f"serve did not get ready: {line!r} {self.proc.stderr.read()}")
        # "cowl-node: ready control=ADDR:PORT proxy=ADDR:PORT"
        self.control = line.split()[2].split("=", 1)[1]

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                return self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                raise AssertionError("serve did not stop within 15 s of SIGTERM")
        return self.proc.returncode


class Api:
    """A client that pins the node's certificate by fingerprint, as the console does."""

    def __init__(self, connection):
        m = parse_connection(connection)
        self.host = m["host"].strip("[]")
        self.port = int(m["port"])
        self.base = f"https://{m['host']}:{m['port']}/api/v1"
        self.token = m["token"]
        self.fingerprint = m["fp"]

    def peer_fingerprint(self):
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        with socket.create_connection((self.host, self.port), timeout=10) as raw:
            with context.wrap_socket(raw) as tls:
                return hashlib.sha256(tls.getpeercert(binary_form=True)).hexdigest()

    def request(self, method, path, **kwargs):
        headers = kwargs.pop("headers", {})
        headers.setdefault("Authorization", f"Bearer {self.token}")
        return requests.request(method, self.base + path, headers=headers, verify=False, timeout=10, **kwargs)


class CliCommandsTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="cowl-cli-")
        self.state = os.path.join(self.tmp.name, "state")
        self.port = free_port()
        self.servers = []

    def tearDown(self):
        for server in self.servers:
            server.stop()
        self.tmp.cleanup()

    def init(self, *extra):
        result = run("init", "--state-dir", self.state, "--control-listen", f"127.0.0.1:{self.port}",
                     "--proxy-listen", "[::1]:0", *extra, check=0)
        return result

    def serve(self, *extra):
        server = Serve(self.state, *extra)
        self.servers.append(server)
        return server

    # --- help, version, usage errors -------------------------------------------------------

    def test_version_help_and_usage_errors(self):
        self.assertRegex(run("--version", check=0).stdout, r"^cowl-node \d+\.\d+\.\d+\n$")
        for command in ("init", "serve", "token", "lockdown", "unlock"):
            self.assertIn(f"cowl-node {command}", run(command, "--help", check=0).stdout)
            self.assertIn(f"cowl-node {command}", run("help", command, check=0).stdout)
        self.assertIn("init", run("help", check=0).stdout)
        self.assertIn("usage", run(check=2).stderr)
        self.assertIn("unknown command", run("frobnicate", check=2).stderr)
        self.assertIn("--bogus", run("init", "--state-dir", self.state, "--bogus", check=2).stderr)
        self.assertIn("--state-dir", run("init", check=2).stderr)
        self.assertIn("--state-dir", run("token", "create", "--state-dir", check=2).stderr)
        self.assertFalse(os.path.exists(self.state))

    # --- init ------------------------------------------------------------------------------

    def test_init_prints_one_connection_string_and_makes_a_private_state_dir(self):
        result = self.init()
        lines = result.stdout.splitlines()
        self.assertEqual(len(lines), 1, result.stdout)
        m = parse_connection(lines[0])
        self.assertEqual((m["host"], int(m["port"])), ("127.0.0.1", self.port))
        self.assertNotIn(m["token"], result.stderr, "the token belongs on stdout only")
        self.assertIn("serve", result.stderr)

        self.assertEqual(stat.S_IMODE(os.stat(self.state).st_mode), 0o700)
        for key in ("ca.key", "control.key", "proxy.key"):
            self.assertEqual(stat.S_IMODE(os.stat(os.path.join(self.state, "pki", key)).st_mode), 0o600)

        # The fingerprint is SHA-256 of the control certificate's DER (openssl's own reading).
        der = subprocess.run(["openssl", "x509", "-in", os.path.join(self.state, "pki", "control.crt"),
                              "-outform", "DER"], capture_output=True, check=True).stdout
        self.assertEqual(m["fp"], hashlib.sha256(der).hexdigest())

        with open(os.path.join(self.state, "node.json")) as f:
            config = json.load(f)
        self.assertEqual((config["name"], config["domain"]), ("node1", "cowl.test"))
        self.assertEqual(config["control_listen"], f"127.0.0.1:{self.port}")
        ula = ipaddress.ip_network(config["ula_prefix"])
        self.assertEqual(ula.prefixlen, 48)
        self.assertTrue(ula.subnet_of(ipaddress.ip_network("fd00::/8")))
        self.assertFalse(ula.overlaps(ipaddress.ip_network("fd00::/64")), "the host already has fd00::/64")

        realms = stored(self.state, "realms")
        self.assertEqual([doc["body"]["name"] for doc in realms.values()], ["default"])
        tokens = list(stored(self.state, "tokens").values())
        self.assertEqual(len(tokens), 1)
        body = tokens[0]["body"]
        self.assertEqual((body["role"], body["realm_id"]), ("admin", None))
        self.assertEqual(body["sha256"], hashlib.sha256(m["token"].encode()).hexdigest())
        self.assertNotIn(m["token"], json.dumps(tokens), "only the hash is stored")

    def test_init_options_reach_config_and_certificates(self):
        result = run("init", "--state-dir", self.state, "--node-name", "edge-2", "--domain", "example.net",
                     "--control-listen", f"[::1]:{self.port}", "--proxy-listen", "[::1]:8443", check=0)
        m = parse_connection(result.stdout.strip())
        self.assertEqual(m["host"], "[::1]")
        with open(os.path.join(self.state, "node.json")) as f:
            config = json.load(f)
        self.assertEqual((config["name"], config["domain"], config["proxy_listen"]),
                         ("edge-2", "example.net", "[::1]:8443"))
        san = subprocess.run(["openssl", "x509", "-in", os.path.join(self.state, "pki", "proxy.crt"), "-noout",
                              "-ext", "subjectAltName"], capture_output=True, text=True, check=True).stdout
        self.assertIn("DNS:*.edge-2.example.net", san)

    def test_reinit_is_refused_and_changes_nothing(self):
        self.init()
        before = tree(self.state)
        result = run("init", "--state-dir", self.state, check=1)
        self.assertIn("already initialised", result.stderr)
        self.assertEqual(result.stdout, "")
        self.assertEqual(tree(self.state), before)

    def test_init_bad_input_creates_nothing(self):
        for args in (["--node-name", "Node_1"], ["--domain", "a..b"], ["--control-listen", "localhost:1"],
                     ["--control-listen", "127.0.0.1:0"]):
            result = run("init", "--state-dir", self.state, *args, check=2)
            self.assertTrue(result.stderr.strip(), args)
            self.assertFalse(os.path.exists(self.state), args)
        os.makedirs(self.state)
        with open(os.path.join(self.state, "notes.txt"), "w") as f:
            f.write("mine")
        self.assertIn("not empty", run("init", "--state-dir", self.state, check=1).stderr)
        self.assertEqual(os.listdir(self.state), ["notes.txt"])

    # --- tokens ----------------------------------------------------------------------------

    def token_rows(self):
        out = run("token", "list", "--state-dir", self.state, check=0).stdout.splitlines()
        self.assertEqual(out[0].split(), ["ID", "NAME", "REALM", "ROLE", "CREATED"])
        return [line.split() for line in out[1:]]

    def test_token_create_list_revoke_offline(self):
        first = parse_connection(self.init().stdout.strip())
        created = run("token", "create", "--state-dir", self.state, "--name", "laptop", "--role", "viewer",
                      "--realm", "default", check=0)
        second = parse_connection(created.stdout.strip())
        self.assertEqual(second["fp"], first["fp"])
        self.assertNotEqual(second["token"], first["token"])

        rows = self.token_rows()
        self.assertEqual(sorted((r[1], r[2], r[3]) for r in rows),
                         [("laptop", "default", "viewer"), ("operator", "(node)", "admin")])
        listing = run("token", "list", "--state-dir", self.state, check=0).stdout
        self.assertNotIn(first["token"], listing)
        self.assertNotIn(second["token"], listing)

        laptop = next(r[0] for r in rows if r[1] == "laptop")
        run("token", "revoke", "--state-dir", self.state, laptop, check=0)
        self.assertEqual([r[1] for r in self.token_rows()], ["operator"])
        self.assertIn("no token", run("token", "revoke", "--state-dir", self.state, laptop, check=1).stderr)

        before = tree(self.state)
        self.assertIn("--role", run("token", "create", "--state-dir", self.state, "--name", "x", "--role", "root",
                                    check=2).stderr)
        self.assertIn("no realm", run("token", "create", "--state-dir", self.state, "--name", "x", "--role",
                                      "viewer", "--realm", "nope", check=1).stderr)
        self.assertIn("not an initialised", run("token", "list", "--state-dir", self.tmp.name, check=1).stderr)
        self.assertEqual(tree(self.state), before)

    def test_tokens_through_the_running_node(self):
        operator = Api(self.init().stdout.strip())
        self.serve()
        created = run("token", "create", "--state-dir", self.state, "--name", "ci", "--role", "operator", check=0)
        ci = Api(created.stdout.strip())
        self.assertEqual(ci.fingerprint, operator.fingerprint)
        self.assertEqual((ci.host, ci.port), (operator.host, operator.port), "the address consoles dial")
        self.assertEqual(ci.request("GET", "/node").status_code, 200, "the node knows the token at once")
        self.assertEqual(ci.request("GET", "/tokens").status_code, 403, "operators may not list tokens")

        rows = self.token_rows()
        self.assertEqual(sorted(r[1] for r in rows), ["ci", "operator"])
        ci_id = next(r[0] for r in rows if r[1] == "ci")
        run("token", "revoke", "--state-dir", self.state, ci_id, check=0)
        self.assertEqual(ci.request("GET", "/node").status_code, 401, "revoked at once")
        self.assertEqual(operator.request("GET", "/node").status_code, 200)

    # --- serve -----------------------------------------------------------------------------

    def test_serve_answers_pins_and_stops_on_sigterm(self):
        api = Api(self.init().stdout.strip())
        server = self.serve()
        self.assertEqual(server.control, f"127.0.0.1:{self.port}")
        self.assertEqual(api.peer_fingerprint(), api.fingerprint)
        node = api.request("GET", "/node")
        self.assertEqual(node.status_code, 200, node.text)
        self.assertEqual(node.json()["name"], "node1")
        self.assertEqual(api.request("GET", "/node", headers={"Authorization": "Bearer nope"}).status_code, 401)
        self.assertTrue(os.path.exists(os.path.join(self.state, "control.sock")))
        started = time.monotonic()
        self.assertEqual(server.stop(), 0)
        self.assertLess(time.monotonic() - started, 5)

    def test_second_serve_on_the_same_state_is_refused(self):
        self.init()
        self.serve()
        second = subprocess.run([NODE, "serve", "--state-dir", self.state, "--control-listen", "127.0.0.1:0"],
                                capture_output=True, text=True, timeout=30)
        self.assertEqual(second.returncode, 1, second.stderr)
        self.assertIn("already serving", second.stderr)
        self.assertEqual(second.stdout, "")

    def test_damaged_store_file_refuses_to_start_and_names_it(self):
        self.init()
        token_file = next(os.path.join(self.state, "store", "tokens", name)
                          for name in os.listdir(os.path.join(self.state, "store", "tokens")))
        with open(token_file, "r+") as f:
            f.truncate(10)
        result = subprocess.run([NODE, "serve", "--state-dir", self.state], capture_output=True, text=True, timeout=30)
        self.assertEqual(result.returncode, 1)
        self.assertIn(token_file, result.stderr)
        self.assertEqual(result.stdout, "")

    def test_damaged_config_refuses_to_start_and_names_it(self):
        self.init()
        with open(os.path.join(self.state, "node.json"), "a") as f:
            f.write("}")
        result = run("serve", "--state-dir", self.state, check=1)
        self.assertIn(os.path.join(self.state, "node.json"), result.stderr)

    def test_serve_flags_override_the_config(self):
        self.init()
        log_file = os.path.join(self.tmp.name, "node.log")
        server = self.serve("--control-listen", "127.0.0.1:0", "--log-level", "debug", "--log-file", log_file)
        self.assertNotEqual(server.control, f"127.0.0.1:{self.port}")
        self.assertTrue(server.control.startswith("127.0.0.1:"))
        server.stop()
        self.assertTrue(os.path.exists(log_file))
        self.assertIn("--log-level", run("serve", "--state-dir", self.state, "--log-level", "loud", check=2).stderr)

    # --- lockdown --------------------------------------------------------------------------

    def make_container(self, api):
        project = api.request("POST", "/projects", json={"name": "shop"})
        self.assertEqual(project.status_code, 201, project.text)
        container = api.request("POST", f"/projects/{project.json()['id']}/containers",
                                json={"name": "web", "template": "busybox"})
        self.assertEqual(container.status_code, 201, container.text)
        return project.json()["id"], container.json()["id"]

    def test_lockdown_offline_writes_the_settings(self):
        api = Api(self.init().stdout.strip())
        server = self.serve()
        project_id, container_id = self.make_container(api)
        server.stop()

        run("lockdown", "--state-dir", self.state, "--all", check=0)
        locked = stored(self.state, "settings_node")["node"]
        self.assertEqual(locked["body"]["enable_proxy"], False)
        run("lockdown", "--state-dir", self.state, "--container", container_id, check=0)
        self.assertEqual(stored(self.state, "settings_container")[container_id]["body"]["enable_proxy"], False)
        run("lockdown", "--state-dir", self.state, "--project", project_id, check=0)
        self.assertEqual(stored(self.state, "settings_project")[project_id]["body"]["enable_proxy"], False)
        run("unlock", "--state-dir", self.state, "--all", check=0)
        node = stored(self.state, "settings_node")["node"]
        self.assertEqual((node["body"]["enable_proxy"], node["version"]), (True, locked["version"] + 1))

        before = tree(self.state)
        self.assertIn("no container", run("lockdown", "--state-dir", self.state, "--container", "0" * 24,
                                          check=1).stderr)
        self.assertIn("exactly one", run("lockdown", "--state-dir", self.state, check=2).stderr)
        self.assertIn("exactly one", run("lockdown", "--state-dir", self.state, "--all", "--project", project_id,
                                         check=2).stderr)
        self.assertEqual(tree(self.state), before)

        # The node starts the way the CLI left it.
        self.serve()
        settings = api.request("GET", f"/containers/{container_id}/proxy/settings").json()
        self.assertEqual(settings["enable_proxy"], False)

    def test_lockdown_through_the_running_node(self):
        api = Api(self.init().stdout.strip())
        self.serve()
        project_id, container_id = self.make_container(api)
        run("lockdown", "--state-dir", self.state, "--container", container_id, check=0)
        self.assertEqual(api.request("GET", f"/containers/{container_id}/proxy/settings").json()["enable_proxy"],
                         False)
        run("lockdown", "--state-dir", self.state, "--all", check=0)
        self.assertEqual(api.request("GET", "/node/proxy/settings").json()["enable_proxy"], False)
        run("unlock", "--state-dir", self.state, "--all", check=0)
        self.assertEqual(api.request("GET", "/node/proxy/settings").json()["enable_proxy"], True)
        self.assertIn("no project", run("lockdown", "--state-dir", self.state, "--project", "f" * 24,
                                        check=1).stderr)


if __name__ == "__main__":
    unittest.main(verbosity=2)
