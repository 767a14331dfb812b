# SPDX-License-Identifier: GPL-3.0-or-later
"""The processes of one benchmark: the upstream nginx (and its upload sink),
nginx as a proxy and HAProxy, all from the config templates beside this file,
sharing one certificate, one password and one upstream address."""

import base64
import hashlib
import os
import shutil
import signal
import socket
import string
import subprocess
import sys
import time
import warnings

from measure import process_tree

HERE = os.path.dirname(os.path.abspath(__file__))
USERNAME = "alice"
PASSWORD = "correct-horse-battery"  # no spaces: HAProxy splits its config on them
SMALL_BODY = b"ok"
MIB = 1 << 20
GIB = 1 << 30


class ConfigTemplate(string.Template):
    """@name placeholders: nginx and HAProxy configs use $ themselves."""

    delimiter = "@"


def render(template, target, **values):
    with open(os.path.join(HERE, template)) as f:
        text = ConfigTemplate(f.read()).substitute(values)
    with open(target, "w") as f:
        f.write(text)


def wait_for_port(host, port, what, process, log_path, timeout=15):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            with socket.create_connection((host, port), timeout=1):
                return
        except OSError:
            time.sleep(0.05)
    tail = open(log_path, errors="replace").read()[-2000:] if os.path.exists(log_path) else ""
    raise RuntimeError(f"{what} did not listen on [{host}]:{port} within {timeout} s "
                       f"(exit {process.poll()}); its log {log_path}:\n{tail}")


class Service:
    """A process we started (in the foreground, so its pid is the master's)."""

    def __init__(self, name, command, log_path, env=None):
        self.name = name
        self.log_path = log_path
        self.log = open(log_path, "ab")
        self.process = subprocess.Popen(command, stdout=self.log, stderr=subprocess.STDOUT,
                                        stdin=subprocess.DEVNULL, env=env, start_new_session=True)

    @property
    def pid(self):
        return self.process.pid

    def pids(self):
        return process_tree(self.process.pid)

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()


class Materials:
    """Files every proxy shares: certificate, password files, bodies, wrk's no-resumption shim."""

    def __init__(self, directory, cert_path, key_path, peer_auth):
        self.dir = directory
        # nginx workers run as www-data: they read the bodies and the password file per request.
        os.chmod(directory, 0o755)
        for sub in ("www", "tmp-upstream", "tmp-nginx"):
            os.makedirs(os.path.join(directory, sub), exist_ok=True)
        shutil.copyfile(cert_path, os.path.join(directory, "proxy.crt"))
        shutil.copyfile(key_path, os.path.join(directory, "proxy.key"))
        with open(os.path.join(directory, "combined.pem"), "w") as out:
            for path in (cert_path, key_path):
                out.write(open(path).read())
        self._write_bodies()
        self.peer_auth = peer_auth
        self.haproxy_password, htpasswd, self.auth_label = self._password_entries(peer_auth)
        with open(os.path.join(directory, "htpasswd"), "w") as f:
            f.write(f"{USERNAME}:{htpasswd}\n")
        os.chmod(os.path.join(directory, "htpasswd"), 0o644)
        self.no_resume = os.path.join(directory, "no_resume.so")
        subprocess.run(["gcc", "-O2", "-shared", "-fPIC", "-o", self.no_resume,
                        os.path.join(HERE, "no_resume.c"), "-ldl"], check=True)

    def _write_bodies(self):
        www = os.path.join(self.dir, "www")
        with open(os.path.join(www, "small"), "wb") as f:
            f.write(SMALL_BODY)
        with open(os.path.join(www, "1m"), "wb") as f:
            f.write(os.urandom(MIB))
        # Sparse: costs no disk, and nginx sends it with sendfile like any file.
        with open(os.path.join(www, "1g"), "wb") as f:
            f.truncate(GIB)

    @staticmethod
    def _password_entries(peer_auth):
        """(HAProxy userlist password clause, nginx htpasswd hash, label for the output)."""
        if peer_auth == "cheap":
            salt = os.urandom(8)
            digest = hashlib.sha1(PASSWORD.encode() + salt).digest()
            ssha = "{SSHA}" + base64.b64encode(digest + salt).decode()
            return (f"insecure-password {PASSWORD}", ssha,
                    "peers check Basic per request at their cheapest: nginx {SSHA} (one salted SHA-1), "
                    "HAProxy insecure-password (string compare); Cowl: scrypt once, then an HMAC "
                    "cache lookup")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            import crypt
        hashed = crypt.crypt(PASSWORD, "$5$rounds=1000$" + base64.b64encode(os.urandom(9)).decode()
                             .replace("+", ".") + "$")
        return (f"password {hashed}", hashed,
                "peers check Basic per request with sha256-crypt (1000 rounds, crypt(3)); "
                "Cowl: scrypt once, then an HMAC cache lookup")

    def basic_header(self):
        token = base64.b64encode(f"{USERNAME}:{PASSWORD}".encode()).decode()
        return f"Basic {token}"


class Upstream:
    """nginx with the bodies, plus the upload sink; inside netns_pid's network namespace when given."""

    def __init__(self, materials, listen_host, port=80, netns_pid=None):
        self.host = listen_host
        self.port = port
        d = materials.dir
        prefix = ["nsenter", f"--net=/proc/{netns_pid}/ns/net"] if netns_pid else []
        sink_port = port + 1
        self.sink = Service("upload-sink", prefix + [sys.executable, os.path.join(HERE, "upload_sink.py"),
                                                     "::1", str(sink_port)],
                            os.path.join(d, "upload-sink.log"))
        render("nginx-upstream.conf", os.path.join(d, "upstream.conf"), dir=d,
               # In the container every address of its namespace, as a container's program would.
               listen=f"[::]:{port}" if netns_pid else f"[{listen_host}]:{port}",
               tls_listen=f"[::]:{port + 2}" if netns_pid else f"[{listen_host}]:{port + 2}",
               sink=f"[::1]:{sink_port}")
        self.nginx = Service("upstream", prefix + ["nginx", "-e", "stderr", "-p", d, "-c",
                                                   os.path.join(d, "upstream.conf")],
                             os.path.join(d, "upstream.log"))
        try:
            # Checked from inside the namespace when there is one: the host side may not route yet.
            if netns_pid:
                self._wait_in_netns(netns_pid)
            else:
                wait_for_port(listen_host, port, "upstream nginx", self.nginx.process, self.nginx.log_path)
        except BaseException:
            self.stop()
            raise

    def _wait_in_netns(self, netns_pid):
        deadline = time.monotonic() + 15
        probe = ["nsenter", f"--net=/proc/{netns_pid}/ns/net", "curl", "-sf", "-o", "/dev/null",
                 f"http://[::1]:{self.port}/small"]
        while time.monotonic() < deadline:
            if subprocess.run(probe).returncode == 0:
                return
            time.sleep(0.1)
        raise RuntimeError(f"upstream nginx in the container's network namespace did not answer; "
                           f"see {self.nginx.log_path}")

    @property
    def address(self):
        return self._address(self.port)

    @property
    def tls_address(self):
        """The same service over TLS (the proxies' certificate), for the direct TLS baseline."""
        return self._address(self.port + 2)

    def _address(self, port):
        return f"[{self.host}]:{port}" if ":" in self.host else f"{self.host}:{port}"

    def pids(self):
        return self.nginx.pids() + self.sink.pids()

    def stop(self):
        self.nginx.stop()
        self.sink.stop()


class PeerProxy:
    """nginx or HAProxy configured for the same job as Cowl (or "relay": HAProxy passing bytes only)."""

    def __init__(self, name, materials, port, host, upstream, workers):
        self.name = name
        self.port = port
        self.host = host
        d = materials.dir
        if name == "relay":
            config = os.path.join(d, "haproxy-relay.cfg")
            render("haproxy-relay.cfg", config, port=port, upstream=upstream.address, workers=workers)
            command = ["haproxy", "-f", config]
        elif name == "nginx":
            config = os.path.join(d, "nginx-proxy.conf")
            render("nginx-proxy.conf", config, dir=d, port=port, host=host, upstream=upstream.address,
                   workers=workers)
            command = ["nginx", "-e", "stderr", "-p", d, "-c", config]
        else:
            config = os.path.join(d, "haproxy.cfg")
            render("haproxy.cfg", config, dir=d, port=port, host=host, upstream=upstream.address,
                   workers=workers, password=materials.haproxy_password)
            command = ["haproxy", "-f", config]
        self.service = Service(name, command, os.path.join(d, f"{name}.log"))
        try:
            wait_for_port("::1", port, name, self.service.process, self.service.log_path)
        except BaseException:
            self.service.stop()
            raise

    def pids(self):
        return self.service.pids()

    def stop(self):
        self.service.stop()
