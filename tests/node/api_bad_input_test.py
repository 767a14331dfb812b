#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Bad input (docs/api.md "Conventions", DESIGN "Bad input gets a clear error and
changes nothing"): every endpoint that takes a body is fed malformed JSON, JSON
that is not an object, wrong types, unknown fields, missing required fields, a
2 MiB body and a non-JSON content type. Each answer is the one error envelope with
the documented status, code and field, and the store is byte-for-byte unchanged.
Last, the endpoint's valid body is accepted, so the rejections were about the badness."""

import json
import os
import sys
import unittest

import requests

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from cowlnode import (API, MIB, ApiTestCase, NodeProcess, create_container, create_project,
                      list_items)  # noqa: E402

MALFORMED = [b"", b"{", b'{"name": ', b"not json", b'{"name": "x"}}', b"{'name': 'x'}",
             b'{"name": "x",}', b"\x00"]
INVALID_UTF8 = [b'{"name": "\xff\xfe"}', b'{"name": "\xc3\x28"}']
NOT_OBJECTS = [b"[]", b'"name"', b"null", b"42", b"true"]


class Endpoint:
    """One route that takes a body, with the fixture it needs and its bad variants."""

    def __init__(self, name, method, path, valid, *, wrong_types=(), missing=(), rejected_values=(),
                 ok=(200, 201), versioned=None, not_built=None):
        self.name = name
        self.method = method
        self.path = path            # a function of the test case (fixtures are made lazily)
        self.valid = valid          # a function of the test case: a body the node must accept
        self.wrong_types = wrong_types        # (field, value): 400 invalid_field, field named
        self.missing = missing                # required top-level fields: 400 missing_field
        self.rejected_values = rejected_values  # (field, value): well typed but out of bounds: 400/422
        self.ok = ok
        self.versioned = versioned if versioned is not None else method in ("PUT", "PATCH")
        self.not_built = not_built


def project_id(t):
    return t.fixture("project", lambda: create_project(t, t.node.admin, "bad-input"))["id"]


def container_id(t):
    return t.fixture("container", lambda: create_container(t, t.node.admin, project_id(t), "web"))["id"]


def alias_id(t):
    def make():
        resp = t.node.admin.post(API + "/aliases", {"container_id": container_id(t), "program": "http"})
        return t.assertJson(resp, 201)
    return t.fixture("alias", make)["id"]


EMPTY_ACCESS = {"groups": {}, "permissions": {}, "default": "deny"}

ENDPOINTS = [
    Endpoint("post_realm", "POST", lambda t: API + "/realms", lambda t: {"name": "fresh-realm"},
             wrong_types=[("name", 5), ("name", None), ("name", ["a"])], missing=["name"],
             rejected_values=[("name", ""), ("name", "x" * 64), ("name", "a/b")]),
    Endpoint("post_token", "POST", lambda t: API + "/tokens", lambda t: {"name": "fresh", "role": "viewer"},
             wrong_types=[("name", 5), ("role", 1), ("realm_id", 7), ("role", None)],
             missing=["name", "role"], rejected_values=[("role", "root")]),
    Endpoint("post_project", "POST", lambda t: API + "/projects", lambda t: {"name": "fresh-project"},
             wrong_types=[("name", 5), ("name", {"a": 1}), ("realm_id", 12)], missing=["name"],
             rejected_values=[("name", "Upper"), ("name", ""), ("name", "x" * 64), ("name", "sp ace")]),
    Endpoint("patch_project", "PATCH", lambda t: f"{API}/projects/{project_id(t)}",
             lambda t: {"name": "bad-input-renamed"},
             wrong_types=[("name", 5), ("name", False)], rejected_values=[("name", "UPPER"), ("name", "")]),
    Endpoint("post_container", "POST", lambda t: f"{API}/projects/{project_id(t)}/containers",
             lambda t: {"name": "fresh-ct", "template": "busybox", "autostart": False,
                        "limits": {"memory_mb": 256, "cpus": 1.0}},
             wrong_types=[("name", 1), ("template", 2), ("autostart", "yes"), ("autostart", 1),
                          ("limits", "big")],
             missing=["name", "template"],
             rejected_values=[("name", "Web"), ("name", ""), ("template", "no-such-template")]),
    Endpoint("patch_container", "PATCH", lambda t: f"{API}/containers/{container_id(t)}",
             lambda t: {"autostart": True},
             wrong_types=[("name", 1), ("autostart", "true"), ("limits", [])],
             rejected_values=[("name", "UP")]),
    Endpoint("put_programs", "PUT", lambda t: f"{API}/containers/{container_id(t)}/programs",
             lambda t: {"programs": {"http": 8080, "terminal": 7681}},
             wrong_types=[("programs", []), ("programs", "http")], missing=["programs"]),
    Endpoint("patch_node_settings", "PATCH", lambda t: API + "/node/proxy/settings",
             lambda t: {"enable_proxy": True},
             wrong_types=[("enable_proxy", "false"), ("enable_proxy", 0), ("enable_proxy", None)]),
    Endpoint("patch_project_settings", "PATCH", lambda t: f"{API}/projects/{project_id(t)}/proxy/settings",
             lambda t: {"enable_proxy": True, "default": "deny"},
             wrong_types=[("enable_proxy", "no"), ("default", 1)],
             rejected_values=[("default", "maybe")]),
    Endpoint("patch_container_settings", "PATCH",
             lambda t: f"{API}/containers/{container_id(t)}/proxy/settings",
             lambda t: {"enable_proxy": True, "default": None},
             wrong_types=[("enable_proxy", 1), ("default", True)],
             rejected_values=[("default", "open")]),
    Endpoint("put_project_permissions", "PUT", lambda t: f"{API}/projects/{project_id(t)}/proxy/permissions",
             lambda t: EMPTY_ACCESS, wrong_types=[("groups", []), ("permissions", "all"), ("default", 0)],
             rejected_values=[("default", "sometimes")], versioned=False),
    Endpoint("put_container_permissions", "PUT",
             lambda t: f"{API}/containers/{container_id(t)}/proxy/permissions",
             lambda t: EMPTY_ACCESS, wrong_types=[("groups", "none"), ("default", [])], versioned=False),
    Endpoint("post_explain", "POST", lambda t: f"{API}/containers/{container_id(t)}/proxy/explain",
             lambda t: {"program": "http", "client_address": "2001:db8::1", "credentials": {}},
             wrong_types=[("program", 5), ("client_address", 7), ("port", "8080"), ("credentials", [])],
             missing=["program", "client_address"],
             rejected_values=[("client_address", "not-an-address"), ("port", 70000)], ok=(200,)),
    Endpoint("post_alias", "POST", lambda t: API + "/aliases",
             lambda t: {"container_id": container_id(t), "program": "http", "target_path": "/"},
             wrong_types=[("container_id", 5), ("program", True), ("enabled", "yes"),
                          ("allow_path_override", 1), ("index", "1")],
             missing=["container_id", "program"],
             rejected_values=[("alias", "ab"), ("alias", "api"), ("alias", "-bad"), ("port", 0)]),
    Endpoint("patch_alias", "PATCH", lambda t: f"{API}/aliases/{alias_id(t)}",
             lambda t: {"enabled": False},
             wrong_types=[("enabled", "no"), ("target_path", 3)],
             rejected_values=[("alias", "proxy")]),
]


class BadInputTest(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        cls.node = NodeProcess()
        cls.node.__enter__()
        cls.addClassCleanup(cls.node.__exit__, None, None, None)
        cls.fixtures = {}

    def fixture(self, name, make):
        if name not in self.fixtures:
            self.fixtures[name] = make()
        return self.fixtures[name]

    def send(self, ep, path, version, data, headers=None):
        return self.node.admin.request(ep.method, path, data=data, headers=headers,
                                       if_match=version if ep.versioned else None)

    def current_version(self, ep, path):
        if not ep.versioned:
            return None
        resp = self.node.admin.get(path)
        return self.assertJson(resp, 200)["version"]

    def check_endpoint(self, ep):
        path = ep.path(self)
        valid = ep.valid(self)
        version = self.current_version(ep, path)
        etag = self.node.admin.get(path).headers.get("ETag") if ep.versioned else None
        before = self.node.snapshot()

        def bad(data, status, code, field=None, what="", headers=None):
            with self.subTest(what):
                resp = self.send(ep, path, version, data, headers)
                self.assertError(resp, status, code, field, msg=what)

        for data in MALFORMED:
            bad(data, 400, "invalid_json", what=f"malformed {data[:20]!r}")
        for data in NOT_OBJECTS:
            bad(data, 400, ("invalid_json", "bad_request", "invalid_field"), what=f"not an object {data!r}")
        for field, value in ep.wrong_types:
            bad(json.dumps({**valid, field: value}).encode(), 400, "invalid_field", field,
                what=f"wrong type {field}={value!r}")
        for field in ep.missing:
            body = {k: v for k, v in valid.items() if k != field}
            bad(json.dumps(body).encode(), 400, "missing_field", field, what=f"missing {field}")
        for field, value in ep.rejected_values:
            with self.subTest(f"rejected value {field}={value!r}"):
                resp = self.send(ep, path, version, json.dumps({**valid, field: value}).encode())
                self.assertRejectedValue(resp, field)
        bad(json.dumps({**valid, "bogus": 1}).encode(), 400, "unknown_field", "bogus", what="unknown field")
        bad(json.dumps({**valid, "Name": "x"}).encode(), 400, "unknown_field", "Name",
            what="field names are case-sensitive")
        if ep.name == "post_container":
            with self.subTest("unknown nested field"):
                body = {**valid, "limits": {"memory_mb": 256, "swap_mb": 1}}
                error = self.assertError(self.send(ep, path, version, json.dumps(body).encode()),
                                         400, "unknown_field")
                self.assertIn("swap_mb", error["field"])
            with self.subTest("nested wrong type"):
                body = {**valid, "limits": {"memory_mb": "lots", "cpus": 1.0}}
                error = self.assertError(self.send(ep, path, version, json.dumps(body).encode()),
                                         400, "invalid_field")
                self.assertIn("memory_mb", error["field"])
        for ctype in ("text/plain", "application/x-www-form-urlencoded", "application/xml"):
            bad(json.dumps(valid).encode(), 415, "unsupported_media_type", what=f"content type {ctype}",
                headers={"Content-Type": ctype})
        self.assertStoreUnchanged(self.node, before, f"bad input to {ep.method} {path}")
        if ep.versioned:
            self.assertEqual(self.node.admin.get(path).headers.get("ETag"), etag, "ETag moved")

        resp = self.send(ep, path, version, json.dumps(valid).encode(),
                         headers={"Content-Type": "application/json; charset=utf-8"})
        self.assertIn(resp.status_code, ep.ok,
                      f"the valid body was refused, so the test proves nothing: {resp.status_code} {resp.text}")

    def every_endpoint(self, what, check):
        for ep in ENDPOINTS:
            path = ep.path(self)
            version = self.current_version(ep, path)
            valid = ep.valid(self)
            before = self.node.snapshot()
            with self.subTest(f"{ep.method} {ep.name}: {what}"):
                check(ep, path, version, valid)
            self.assertStoreUnchanged(self.node, before, f"{what} to {ep.method} {path}")

    def test_invalid_utf8_is_invalid_json(self):
        def check(ep, path, version, _valid):
            for data in INVALID_UTF8:
                resp = self.send(ep, path, version, data)
                self.assertError(resp, 400, "invalid_json", msg=f"invalid UTF-8 {data!r}")
        self.every_endpoint("invalid UTF-8", check)

    def test_oversized_bodies_get_413(self):
        def check(ep, path, version, valid):
            padded = json.dumps({**valid, "name": "x" * (2 * MIB)}).encode()
            try:
                resp = self.send(ep, path, version, padded)
            except requests.ConnectionError as e:
                self.fail(f"2 MiB body: connection dropped before a 413 answer arrived ({e}); "
                          "the node must answer 413 so the client can read it")
            self.assertError(resp, 413, "payload_too_large")
        self.every_endpoint("a 2 MiB body", check)

    def test_unknown_paths_and_wrong_methods(self):
        before = self.node.snapshot()
        for path in (API + "/nothing", API + "/projects/x/y/z", "/api/v2/projects", "/"):
            with self.subTest(path=path):
                self.assertError(self.node.admin.get(path), 404, "not_found")
        token_id = list_items(self, self.node.admin.get(API + "/tokens"))[0]["id"]
        for method, path in (("PUT", API + "/projects"), ("DELETE", API + "/projects"),
                             ("POST", API + "/node"), ("DELETE", API + "/node"),
                             ("PUT", API + "/node/proxy/settings"), ("POST", f"{API}/tokens/{token_id}")):
            with self.subTest(method=method, path=path):
                resp = self.node.admin.request(method, path, {"name": "x"})
                self.assertError(resp, 405, "method_not_allowed")
        self.assertStoreUnchanged(self.node, before, "unknown paths and wrong methods")


def _make_test(ep):
    def test(self):
        self.check_endpoint(ep)
    test.__doc__ = f"{ep.method} {ep.name}: malformed, wrong types, unknown fields, 2 MiB, content type"
    if ep.not_built:
        test = unittest.skip(f"not built yet: {ep.not_built}")(test)
    return test


for _ep in ENDPOINTS:
    setattr(BadInputTest, f"test_{_ep.name}", _make_test(_ep))


if __name__ == "__main__":
    unittest.main(verbosity=2)
