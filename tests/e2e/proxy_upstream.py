#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A container program stand-in for proxy tests: HTTP/1.1 on [::1] (or the address
given after the port), prints its port. With COWL_UPSTREAM_TLS=CERT:KEY in the
environment it speaks HTTPS instead (a container's https program).

/echo...        JSON of method, path and headers as received
/bytes/N        N bytes with Content-Length, streamed
/chunked/N      N bytes, chunked
/eof/N          N bytes, no length, closed at the end
POST /count     reads the body (Content-Length or chunked) and answers its size
/ws             WebSocket echo (RFC 6455, text and binary)
/sleep/S        answers after S seconds
/close-quietly  answers with keep-alive, then closes the connection
"""
import base64
import hashlib
import json
import os
import socket
import ssl
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

BLOCK = b"x" * 65536


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send_json(self, obj, status=200):
        body = json.dumps(obj).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_HEAD(self):
        self.send_response(200)
        self.send_header("Content-Length", "5")
        self.end_headers()

    def do_GET(self):
        p = self.path
        if p.startswith("/bytes/"):
            n = int(p.split("/")[2])
            self.send_response(200)
            self.send_header("Content-Length", str(n))
            self.end_headers()
            while n > 0:
                k = min(n, len(BLOCK))
                self.wfile.write(BLOCK[:k])
                n -= k
        elif p.startswith("/chunked/"):
            n = int(p.split("/")[2])
            self.send_response(200)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            while n > 0:
                k = min(n, len(BLOCK))
                self.wfile.write(b"%x\r\n" % k + BLOCK[:k] + b"\r\n")
                n -= k
            self.wfile.write(b"0\r\n\r\n")
        elif p.startswith("/eof/"):
            n = int(p.split("/")[2])
            self.send_response(200)
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(b"y" * n)
            self.close_connection = True
        elif p == "/close-quietly":
            # A keep-alive answer, then the connection closed anyway (an idle
            # timeout racing the proxy's reuse looks the same).
            self.send_json({"closing": True})
            self.wfile.flush()
            self.close_connection = True
        elif p.startswith("/sleep/"):
            time.sleep(float(p.split("/")[2]))
            self.send_json({"slept": True})
        elif p == "/ws":
            self.websocket()
        else:
            self.send_json({"method": self.command, "path": self.path,
                            "headers": [[k, v] for k, v in self.headers.items()]})

    def do_POST(self):
        total = 0
        sha = hashlib.sha256()
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip(), 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    break
                left = size
                while left:
                    data = self.rfile.read(min(left, 1 << 20))
                    sha.update(data)
                    left -= len(data)
                total += size
                self.rfile.readline()
        else:
            left = int(self.headers.get("Content-Length", "0"))
            while left:
                data = self.rfile.read(min(left, 1 << 20))
                if not data:
                    break
                sha.update(data)
                total += len(data)
                left -= len(data)
        self.send_json({"bytes": total, "sha256": sha.hexdigest(),
                        "headers": [[k, v] for k, v in self.headers.items()], "path": self.path})
        if self.path == "/close-quietly":
            self.wfile.flush()
            self.close_connection = True

    do_PUT = do_POST

    def websocket(self):
        key = self.headers.get("Sec-WebSocket-Key", "")
        accept = base64.b64encode(hashlib.sha1((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").encode()).digest())
        self.send_response(101)
        self.send_header("Upgrade", "websocket")
        self.send_header("Connection", "Upgrade")
        self.send_header("Sec-WebSocket-Accept", accept.decode())
        self.end_headers()
        self.wfile.flush()
        r = self.rfile
        while True:
            head = r.read(2)
            if len(head) < 2:
                return
            opcode = head[0] & 0x0F
            length = head[1] & 0x7F
            if length == 126:
                length = int.from_bytes(r.read(2), "big")
            elif length == 127:
                length = int.from_bytes(r.read(8), "big")
            mask = r.read(4) if head[1] & 0x80 else b"\0\0\0\0"
            payload = bytearray(r.read(length))
            for i in range(len(payload)):
                payload[i] ^= mask[i % 4]
            if opcode == 8:
                self.wfile.write(b"\x88\x00")
                return
            out = bytes([0x80 | opcode])
            if len(payload) < 126:
                out += bytes([len(payload)])
            elif len(payload) < 65536:
                out += bytes([126]) + len(payload).to_bytes(2, "big")
            else:
                out += bytes([127]) + len(payload).to_bytes(8, "big")
            self.wfile.write(out + bytes(payload))
            self.wfile.flush()


class Server(ThreadingHTTPServer):
    address_family = socket.AF_INET6
    daemon_threads = True
    request_queue_size = 1024


def main():
    # argv: [port [address]]; the address is the container's when a test stands in for one.
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    address = sys.argv[2] if len(sys.argv) > 2 else "::1"
    server = Server((address, port), Handler)
    tls = os.environ.get("COWL_UPSTREAM_TLS")
    if tls:
        cert, key = tls.split(":", 1)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        server.socket = context.wrap_socket(server.socket, server_side=True)
    print(server.server_address[1], flush=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    # Exit with the parent: the test closes our stdin when it ends.
    sys.stdin.read()


if __name__ == "__main__":
    main()
